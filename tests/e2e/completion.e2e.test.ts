import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { which } from '../../src/exec/which.js';
import { blumeops, PROJECT_ROOT, testEnv } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { TAILNET_CONFIG } from '../helpers/config.js';
import { IN_CI, skipUnlessCI } from '../helpers/ci.js';

const CONFIG = `${TAILNET_CONFIG}  indri:
    kind: ansible
    playbook: ansible/playbooks/indri.yml
  argocd:
    kind: argocd
    apps: argocd/apps
    root: apps
`;

const app = (name: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: argocd
spec:
  project: default
  source: { repoURL: https://forge.example/infra.git, path: k8s/${name}, targetRevision: main }
  destination: { server: https://kubernetes.default.svc, namespace: ${name} }
`;

const shells = { bash: which('bash'), fish: which('fish'), zsh: which('zsh') };

let repo: string;
let elsewhere: string;
let env: NodeJS.ProcessEnv;
const scripts: Record<string, string> = {};

beforeAll(async () => {
  repo = makeRepo({
    'blumeops.yaml': CONFIG,
    'argocd/apps/apps.yaml': `${app('cv')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: not-an-app\n---\n${app('immich')}`,
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'completion-'));
  elsewhere = path.join(dir, 'elsewhere');
  mkdirSync(elsewhere);
  // The scripts call `blumeops __complete ...` at TAB time: put a wrapper first on PATH.
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'blumeops'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(PROJECT_ROOT, 'bin/blumeops.js')}" "$@"\n`);
  chmodSync(path.join(bin, 'blumeops'), 0o755);
  env = testEnv({ PATH: `${bin}${path.delimiter}${process.env.PATH}`, HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config'), ZDOTDIR: dir });
  for (const shell of ['bash', 'fish', 'zsh']) {
    const result = await blumeops(['completion', shell], { cwd: repo });
    expect(result.code, result.stderr).toBe(0);
    scripts[shell] = path.join(dir, `blumeops.${shell}`);
    writeFileSync(scripts[shell], result.stdout);
  }
  mkdirSync(path.join(dir, 'zfunc'));
  writeFileSync(path.join(dir, 'zfunc/_blumeops'), (await blumeops(['completion', 'zsh'], { cwd: repo })).stdout);
  writeFileSync(path.join(dir, 'zsh-init.zsh'), ZSH_INIT);
  writeFileSync(path.join(dir, 'zsh-capture.zsh'), ZSH_CAPTURE);
});

/** Runs a shell (asynchronously: a spawnSync would block vitest's worker) and gives its stdout. */
function run(file: string, args: string[], cwd: string, input = ''): Promise<string> {
  const child = spawn(file, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(input);
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${file} ${args.join(' ')} exited ${code}: ${stderr}`));
    });
  });
}

const BASH_DRIVER = `source "$1"
line=$2
read -ra COMP_WORDS <<< "$line"
[[ $line == *' ' ]] && COMP_WORDS+=('')
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
COMP_LINE=$line
COMP_POINT=\${#line}
_blumeops
printf '%s\\n' "\${COMPREPLY[@]}"
`;

/** The completion system of a real interactive zsh in a pty; every candidate it adds is printed between \\x01 and \\x02. */
const ZSH_INIT = `autoload -Uz compinit && compinit -u -D
bindkey '^I' complete-word
zstyle ':completion:*' menu no
__capture_mark() { print -n $'\\0' }
compprefuncs=( __capture_mark )
comppostfuncs=( __capture_mark exit )
compadd() {
  [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]] && { builtin compadd "$@"; return $? }
  local -a __hits
  builtin compadd -A __hits "$@"
  local hit
  for hit in $__hits; do printf '\\x01%s\\x02\\n' $hit; done
}
`;

/** zsh -f zsh-capture.zsh FPATH_DIR INIT_FILE LINE: types LINE and TAB into the pty shell, prints what it captured. */
const ZSH_CAPTURE = `zmodload zsh/zpty || exit 2
zpty z zsh -f -i
zpty -w z "fpath=(\${(q)1} \\$fpath); source \${(q)2}"
zpty -w z "$3"$'\\t'
integer marks=0
local out
while zpty -r z out; do
  print -r -- $out
  [[ $out == *$'\\0'* ]] && (( ++marks >= 2 )) && break
done
zpty -d z
`;

/** The candidates each shell offers for `line` (the cursor at its end), in `cwd`. */
const complete: Record<string, (line: string, cwd?: string) => Promise<string[]>> = {
  bash: async (line, cwd = repo) => lines(await run(shells.bash!, ['--norc', '--noprofile', '-s', scripts.bash, line], cwd, BASH_DRIVER)),
  fish: async (line, cwd = repo) =>
    lines(await run(shells.fish!, ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', scripts.fish, line], cwd)).map((candidate) => candidate.split('\t')[0]),
  zsh: async (line, cwd = repo) => {
    const dir = path.dirname(scripts.zsh);
    const output = await run(shells.zsh!, ['-f', path.join(dir, 'zsh-capture.zsh'), path.join(dir, 'zfunc'), path.join(dir, 'zsh-init.zsh'), line], cwd);
    return [...output.matchAll(/\x01([^\x02]*)\x02/g)].map((match) => match[1]);
  },
};

function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

describe('blumeops completion', () => {
  it('an unknown shell: an error naming the nearest and listing the shells', async () => {
    const result = await blumeops(['completion', 'fsh'], { cwd: repo });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: unknown shell "fsh"');
    expect(result.stderr).toMatch(/hint: did you mean "fish"\? shells: bash, fish, zsh/);
  });

  it('the scripts name every visible command and none of the hidden ones', async () => {
    const listed = (await blumeops(['--help'], { cwd: repo })).stdout.split('Commands:\n')[1].split('\n\n')[0];
    const commands = [...listed.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((match) => match[1]);
    expect(commands).toEqual(expect.arrayContaining(['plan', 'apply', 'up', 'sync', 'doctor', 'completion']));
    for (const shell of ['bash', 'fish', 'zsh']) {
      const script = (await blumeops(['completion', shell], { cwd: repo })).stdout;
      for (const command of commands) expect(script, `${shell}: ${command}`).toContain(`'${command}`);
      expect(script).not.toMatch(/'__complete'/);
    }
  });

  it('__complete prints names one per line, and nothing (quietly, exit 0) outside a repo', async () => {
    expect((await blumeops(['__complete', 'layers'], { cwd: repo })).stdout).toBe('tailnet\nindri\nargocd\n');
    expect((await blumeops(['__complete', 'layers', '--kind', 'pulumi'], { cwd: repo })).stdout).toBe('tailnet\n');
    expect((await blumeops(['__complete', 'layers', '-C', repo], { cwd: elsewhere })).stdout).toBe('tailnet\nindri\nargocd\n');
    for (const args of [['layers'], ['apps', 'argocd'], ['apps', 'nope'], ['whatever']]) {
      expect(await blumeops(['__complete', ...args], { cwd: elsewhere })).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });

  it("__complete apps LAYER: the Application names in the layer's apps folder", async () => {
    expect(await blumeops(['__complete', 'apps', 'argocd'], { cwd: repo })).toEqual({ code: 0, stdout: 'cv\nimmich\n', stderr: '' });
    expect((await blumeops(['__complete', 'apps', 'tailnet'], { cwd: repo })).stdout).toBe('');
  });

  it('a shell missing under CI is a failure (CI installs fish and zsh)', async () => {
    if (IN_CI) expect(Object.entries(shells).filter(([, found]) => !found).map(([shell]) => shell)).toEqual([]);
  });
});

for (const shell of ['bash', 'fish', 'zsh'] as const) {
  const missing = !shells[shell];
  describe.skipIf(skipUnlessCI(missing))(`${shell} completion${missing ? ` (skipped: ${shell} is not installed; apt-get install ${shell})` : ''}`, () => {
    it('commands: pl → plan', async () => {
      expect(await complete[shell]('blumeops pl')).toEqual(['plan']);
      expect(await complete[shell]('blumeops pr')).toEqual(expect.arrayContaining(['preview', 'provision']));
    });

    it('flags: plan --js → --json; option values', async () => {
      expect(await complete[shell]('blumeops plan --js')).toEqual(['--json']);
      expect(await complete[shell]('blumeops plan --format ')).toEqual(expect.arrayContaining(['text', 'json', 'markdown']));
      expect(await complete[shell]('blumeops completion ')).toEqual(expect.arrayContaining(['bash', 'fish', 'zsh']));
    });

    it("layer names from the repo's blumeops.yaml: up ta → tailnet; a verb offers only its kind's layers", async () => {
      expect(await complete[shell]('blumeops up ta')).toEqual(['tailnet']);
      expect(await complete[shell]('blumeops up ')).toEqual(['tailnet']);
      expect((await complete[shell]('blumeops plan ')).sort()).toEqual(['argocd', 'indri', 'tailnet']);
      expect(await complete[shell](`blumeops check -C ${repo} `, elsewhere)).toEqual(['indri']);
      expect(await complete[shell]('blumeops up ', elsewhere)).toEqual([]);
    });

    it('ArgoCD app names: sync argocd c → cv', async () => {
      expect(await complete[shell]('blumeops sync argocd c')).toEqual(['cv']);
      expect((await complete[shell]('blumeops diff argocd ')).sort()).toEqual(['cv', 'immich']);
      expect(await complete[shell]('blumeops sync argocd -- ')).toEqual([]);
    });
  });
}
