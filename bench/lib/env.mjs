/**
 * Where things are, the environment every benchmarked process gets, and temp dirs.
 * The environment mirrors tests/helpers/cli.ts testEnv: emulators first on PATH, CI=true (plain
 * output, no spinners), no colour, a fixed git identity; knobs inherited from the caller's shell
 * (PULUMI_EMULATOR_*, ARGOCD_*, OP_EMULATOR_*, ANSIBLE_*) are dropped so every run starts clean.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/blumeops.js');
export const NODE = process.execPath;

/**
 * The Node versions measured where the version matters (startup, plan overhead): this one, and the
 * Node 24 that .ci/install-node keeps in the real-tools cache (or BLUMEOPS_BENCH_NODE24), when present.
 */
export function nodes() {
  const list = [{ label: `node ${process.versions.node.split('.')[0]}`, path: NODE }];
  const cache = process.env.BLUMEOPS_REAL_TOOLS_DIR || path.join(os.homedir(), '.cache/blumeops/real-tools');
  const node24 = process.env.BLUMEOPS_BENCH_NODE24 || path.join(cache, 'node24/bin/node');
  if (existsSync(node24) && node24 !== NODE && !process.version.startsWith('v24.')) list.push({ label: 'node 24', path: node24 });
  return list;
}
export const EMULATORS = ['pulumi', 'argocd', 'op'].map((tool) => path.join(ROOT, 'tests/emulators', tool));
export const CALLBACK_DIR = path.join(ROOT, 'layers/ansible/callback');

const DROPPED = /^(PULUMI_EMULATOR_|ARGOCD_|OP_EMULATOR_|OP_SERVICE_ACCOUNT|ANSIBLE_|FORCE_COLOR$|NODE_OPTIONS$)/;

/** The benchmark environment, plus `extra` (an undefined value removes a key); `binDirs` go first on PATH. */
export function benchEnv(extra = {}, binDirs = []) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (DROPPED.test(key)) delete env[key];
  Object.assign(env, {
    PATH: [...binDirs, ...EMULATORS, process.env.PATH].join(path.delimiter),
    CI: 'true',
    NO_COLOR: '1',
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.invalid',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.invalid',
    GIT_CONFIG_NOSYSTEM: '1',
    ...extra,
  });
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

/** The environment blumeops gives each kind's tool (layers/<kind>/), for baselines that call the tool directly. */
export const TOOL_ENV = {
  pulumi: { PULUMI_SKIP_UPDATE_CHECK: 'true', NO_COLOR: '1', PULUMI_ENABLE_STREAMING_JSON_PREVIEW: 'false' },
  'ansible-playbook': {
    ANSIBLE_STDOUT_CALLBACK: 'blumeops_events',
    ANSIBLE_CALLBACK_PLUGINS: CALLBACK_DIR,
    PYTHONUNBUFFERED: '1',
  },
  argocd: {},
};

const made = [];
let keep = false;

/** A new temp dir, removed by removeTempDirs() unless --keep. */
export function tempDir(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `blumeops-bench-${prefix}-`));
  made.push(dir);
  return dir;
}

export function keepTempDirs(value) {
  keep = value;
}

export function removeTempDirs() {
  if (keep) return made.splice(0);
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  return [];
}
