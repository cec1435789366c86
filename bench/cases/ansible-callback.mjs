/**
 * Ansible callback: the cost of blumeops' stdout callback (layers/ansible/callback/blumeops_events.py)
 * against ansible's `default` callback, on a generated 300-task playbook against localhost. Each run
 * is `ansible-playbook --check --diff` (the plan's invocation), so every run does the same work and
 * prints the same diffs; runs alternate between the callbacks (after one warm-up of each, on a
 * 30-task playbook of the same mix). For ours the time includes reading the output as JSON lines
 * (a JSON.parse loop): what blumeops pays end to end. (Was bench/ansible-callback.mjs; same method.)
 * BENCH_ANSIBLE_TASKS=N changes the size; without -n it runs 1 warm-up + 2 runs (see defaultRuns).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CALLBACK_DIR, benchEnv, tempDir } from '../lib/env.mjs';
import { sample, stats } from '../lib/measure.mjs';
import { ratioRow } from '../lib/rows.mjs';

export const name = 'ansible-callback';
export const title = '300-task playbook: blumeops_events callback vs ansible default';
export const target = '≤ 1.10×';
const MAX = 1.1;
/**
 * One run is 300 tasks (~60–75 s on 2 shared cores) and already averages over them: 2 runs by
 * default keep the suite near 10 min. The warm-up (same modules, same callbacks) is 30 tasks.
 */
export const defaultRuns = 2;
const WARM_UP_TASKS = 30;

/** A third each of set_fact (controller only), copy and lineinfile (module runs with diffs). */
function playbook(tasks) {
  const lines = ['- name: bench', '  hosts: all', '  gather_facts: false', '  tasks:'];
  for (let i = 0; i < tasks; i++) {
    const file = `{{ playbook_dir }}/files/f${i % 50}.conf`;
    if (i % 3 === 0) lines.push(`    - name: fact ${i}`, '      ansible.builtin.set_fact:', `        fact_${i}: "value {{ ${i} * 2 }}"`);
    else if (i % 3 === 1) lines.push(`    - name: copy ${i}`, '      ansible.builtin.copy:', `        dest: "${file}.${i}"`, `        content: "task ${i}\\n"`);
    else lines.push(`    - name: line ${i}`, '      ansible.builtin.lineinfile:', `        path: "${file}"`, `        line: "line ${i}"`, '        create: true');
  }
  return `${lines.join('\n')}\n`;
}

function setup(tasks) {
  const dir = tempDir('ansible');
  mkdirSync(path.join(dir, 'files'));
  writeFileSync(path.join(dir, 'hosts.yml'), 'all:\n  hosts:\n    localhost:\n      ansible_connection: local\n      ansible_python_interpreter: "{{ ansible_playbook_python }}"\n');
  writeFileSync(path.join(dir, 'bench.yml'), playbook(tasks));
  return dir;
}

/** One timed run; resolves to { ms, rssKB: NaN, events }. */
function runOnce(dir, callback) {
  const env = benchEnv({ ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0', ANSIBLE_HOST_KEY_CHECKING: 'False', PYTHONUNBUFFERED: '1', ANSIBLE_PIPELINING: 'True', ANSIBLE_STDOUT_CALLBACK: callback });
  if (callback === 'blumeops_events') env.ANSIBLE_CALLBACK_PLUGINS = CALLBACK_DIR;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn('ansible-playbook', ['-i', 'hosts.yml', '--check', '--diff', 'bench.yml'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`ansible-playbook (${callback}) exited ${code}\n${stderr.slice(-2000)}`));
      let events = 0;
      if (callback === 'blumeops_events') {
        for (const line of stdout.split('\n')) if (line.startsWith('{') && JSON.parse(line).blumeops === 1) events += 1;
      }
      resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, rssKB: NaN, events });
    });
  });
}

export async function run({ runs, log }) {
  const tasks = Number(process.env.BENCH_ANSIBLE_TASKS ?? 300);
  const dir = setup(tasks);
  const small = setup(WARM_UP_TASKS);
  const variants = { blumeops_events: () => runOnce(dir, 'blumeops_events'), default: () => runOnce(dir, 'default') };
  const warmups = { blumeops_events: () => runOnce(small, 'blumeops_events'), default: () => runOnce(small, 'default') };
  const results = await sample(variants, runs, log, warmups);
  const events = results.blumeops_events.at(-1).events;
  return [ratioRow(`Ansible callback (${tasks} tasks)`, stats(results.blumeops_events), stats(results.default), MAX, [`${events} events parsed per run; peak RSS not measured (ansible, not blumeops)`])];
}
