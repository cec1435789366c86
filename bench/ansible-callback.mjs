#!/usr/bin/env node
/**
 * Cost of blumeops' ansible stdout callback (layers/ansible/callback/blumeops_events.py) against
 * ansible's `default` callback, on a generated 300-task playbook run against localhost.
 *
 *   node bench/ansible-callback.mjs [-n RUNS] [--tasks N] [--json FILE]
 *
 * Each run is `ansible-playbook --check --diff` (the plan's invocation), so every run does the same
 * work and prints the same diffs. Runs alternate between the two callbacks (after one warm-up of
 * each) so that machine load drifts hit both alike. For ours, the time includes reading the output
 * as JSON lines (a JSON.parse loop), i.e. what blumeops pays end to end. Target: ratio ≤ 1.10.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const callbackDir = path.join(root, 'layers', 'ansible', 'callback');

const USAGE = 'usage: node bench/ansible-callback.mjs [-n RUNS] [--tasks N] [--json FILE]';

function options(argv) {
  const opts = { runs: 5, tasks: 300, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-n' || arg === '--runs') opts.runs = Number(argv[++i]);
    else if (arg === '--tasks') opts.tasks = Number(argv[++i]);
    else if (arg === '--json') opts.json = argv[++i];
    else if (arg === '-h' || arg === '--help') opts.help = true;
    else throw new Error(`unknown argument: ${arg}\n${USAGE}`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error('-n must be a positive integer');
  if (!Number.isInteger(opts.tasks) || opts.tasks < 3) throw new Error('--tasks must be an integer ≥ 3');
  return opts;
}

/** A third each of set_fact (controller only), copy and lineinfile (module runs with diffs). */
function playbook(tasks) {
  const lines = ['- name: bench', '  hosts: all', '  gather_facts: false', '  tasks:'];
  for (let i = 0; i < tasks; i++) {
    const file = `{{ playbook_dir }}/files/f${i % 50}.conf`;
    if (i % 3 === 0) {
      lines.push(`    - name: fact ${i}`, '      ansible.builtin.set_fact:', `        fact_${i}: "value {{ ${i} * 2 }}"`);
    } else if (i % 3 === 1) {
      lines.push(`    - name: copy ${i}`, '      ansible.builtin.copy:', `        dest: "${file}.${i}"`, `        content: "task ${i}\\n"`);
    } else {
      lines.push(`    - name: line ${i}`, '      ansible.builtin.lineinfile:', `        path: "${file}"`, `        line: "line ${i}"`, '        create: true');
    }
  }
  return `${lines.join('\n')}\n`;
}

function setup(tasks) {
  const dir = mkdtempSync(path.join(tmpdir(), 'blumeops-bench-ansible-'));
  mkdirSync(path.join(dir, 'files'));
  writeFileSync(path.join(dir, 'hosts.yml'), 'all:\n  hosts:\n    localhost:\n      ansible_connection: local\n      ansible_python_interpreter: "{{ ansible_playbook_python }}"\n');
  writeFileSync(path.join(dir, 'bench.yml'), playbook(tasks));
  return dir;
}

/** One timed run; resolves to { ms, lines, events }. */
function runOnce(dir, callback) {
  const env = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0', ANSIBLE_HOST_KEY_CHECKING: 'False', PYTHONUNBUFFERED: '1', ANSIBLE_PIPELINING: 'True' };
  if (callback === 'blumeops_events') Object.assign(env, { ANSIBLE_STDOUT_CALLBACK: callback, ANSIBLE_CALLBACK_PLUGINS: callbackDir });
  else env.ANSIBLE_STDOUT_CALLBACK = 'default';
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
      const lines = stdout.split('\n');
      let events = 0;
      if (callback === 'blumeops_events') {
        for (const line of lines) {
          if (!line.startsWith('{')) continue;
          const event = JSON.parse(line);
          if (event.blumeops === 1) events += 1;
        }
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ ms, lines: lines.length, events });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  const opts = options(process.argv.slice(2));
  if (opts.help) return console.log(USAGE);
  const dir = setup(opts.tasks);
  const times = { blumeops_events: [], default: [] };
  let events = 0;
  try {
    process.stderr.write(`ansible callback bench: ${opts.tasks} tasks, 1 warm-up + ${opts.runs} runs each, in ${dir}\n`);
    await runOnce(dir, 'blumeops_events');
    await runOnce(dir, 'default');
    for (let i = 0; i < opts.runs; i++) {
      for (const callback of i % 2 ? ['default', 'blumeops_events'] : ['blumeops_events', 'default']) {
        const result = await runOnce(dir, callback);
        times[callback].push(result.ms);
        if (callback === 'blumeops_events') events = result.events;
        process.stderr.write(`  run ${i + 1} ${callback.padEnd(15)} ${(result.ms / 1000).toFixed(2)} s\n`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ours = median(times.blumeops_events);
  const theirs = median(times.default);
  const ratio = ours / theirs;
  const report = {
    tasks: opts.tasks,
    runs: opts.runs,
    events,
    medianMs: { blumeops_events: Math.round(ours), default: Math.round(theirs) },
    ratio: Number(ratio.toFixed(3)),
    target: 1.1,
    ok: ratio <= 1.1,
    timesMs: { blumeops_events: times.blumeops_events.map(Math.round), default: times.default.map(Math.round) },
  };
  console.log(`callback          median`);
  console.log(`blumeops_events   ${(ours / 1000).toFixed(2)} s  (${events} events parsed)`);
  console.log(`default           ${(theirs / 1000).toFixed(2)} s`);
  console.log(`ratio             ${ratio.toFixed(3)}×  (target ≤ 1.10×: ${report.ok ? 'ok' : 'MISSED'})`);
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
