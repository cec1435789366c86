/**
 * One tailnet, two pulumi backends, for the e2e suite that runs the same assertions on both:
 * - `emulator`: tests/emulators/pulumi with a Pulumi YAML program;
 * - `real`: the real pulumi (tests/real/install) with the Python program in tests/real/pulumi/tailnet,
 *   whose dynamic providers keep the tailnet in a local JSON file, on a file backend.
 * Both have the same resources (types, names, properties), so blumeops prints the same lines.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EMULATORS, PROJECT_ROOT } from './cli.js';
import { commitAll, makeRepo, writeFiles } from './repo.js';
import { realPulumi, type RealPulumi } from './real-tools.js';

export type PulumiBackend = 'emulator' | 'real';
export const STACK = 'tail8d86e';
export const PROJECT_DIR = 'pulumi/tailscale';
export const SECRET = 's3cr3t-api-key';
const TYPE = 'pulumi-python:dynamic/tailnet';
export const URN = `urn:pulumi:${STACK}::blumeops-tailnet::${TYPE}`;

export interface Tailnet {
  acl: string;
  devices: Record<string, string[]>;
  nameservers: string[];
}

export const FIRST: Tailnet = {
  acl: '{"acls": [{"action": "accept", "src": ["tag:admin"], "dst": ["*:*"]}]}\n',
  devices: { indri: ['tag:server'] },
  nameservers: ['100.100.100.100'],
};

export interface PulumiWorld {
  backend: PulumiBackend;
  repo: string;
  /** The environment blumeops runs with: the backend's pulumi first on PATH, backend, passphrase. */
  env: Record<string, string>;
  /** Writes the desired tailnet into the repo and commits it. */
  want(tailnet: Tailnet, message: string): void;
  /** Changes the live tailnet behind pulumi's back; returns the environment that makes a refresh see it. */
  drift(device: string, tags: string[]): Record<string, string>;
  /** The environment that makes the provider refuse a device's tags, with the provider's message. */
  failing(device: string, tags: string[]): { env: Record<string, string>; message: string };
  /** The environment that makes every resource write take about `seconds`. */
  slow(seconds: number): Record<string, string>;
  /** Starts the backend's own `pulumi up` on the stack (another operator's update). */
  pulumiUp(env: Record<string, string>): ChildProcess;
  /** Whether some pulumi process holds the stack's lock. */
  locked(): boolean;
  /** Runs the backend's pulumi in the project dir. */
  pulumi(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** Why the backend cannot run here (undefined when it can). */
export function unavailable(backend: PulumiBackend): string | undefined {
  if (backend === 'emulator') return undefined;
  const real = realPulumi();
  return typeof real === 'string' ? real : undefined;
}

function emulatorProgram(tailnet: Tailnet): string {
  const resources: Record<string, unknown> = {
    'tailnet-acl': { type: `${TYPE}:Acl`, properties: { acl: tailnet.acl, api_key: '${apiKey}' } },
  };
  for (const [device, tags] of Object.entries(tailnet.devices)) {
    resources[`${device}-tags`] = { type: `${TYPE}:DeviceTags`, properties: { device_id: device, tags } };
  }
  resources.dns = { type: `${TYPE}:Nameservers`, properties: { nameservers: tailnet.nameservers } };
  return JSON.stringify({ name: 'blumeops-tailnet', runtime: 'yaml', resources }, null, 2);
}

function realDesired(tailnet: Tailnet): string {
  const devices = Object.entries(tailnet.devices).map(([device, tags]) => `  ${device}: ${JSON.stringify(tags)}`);
  return [`acl: ${JSON.stringify(tailnet.acl)}`, 'devices:', ...devices, `nameservers: ${JSON.stringify(tailnet.nameservers)}`, ''].join('\n');
}

const CONFIG = `version: 1
layers:
  tailnet:
    kind: pulumi
    dir: ${PROJECT_DIR}
    stack: ${STACK}
`;

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * A new infra repo whose tailnet layer is a pulumi project on `backend`, its stack created
 * (`pulumi stack init`) with the API key set as a stack secret (`pulumi config set --secret`), all
 * committed. `variant: 'uv'` lays the real project out with pyproject.toml and `toolchain: uv`.
 */
export async function pulumiWorld(backend: PulumiBackend, variant: 'pip' | 'uv' = 'pip'): Promise<PulumiWorld> {
  const state = mkdtempSync(path.join(os.tmpdir(), 'blumeops-pulumi-'));
  const tailnetFile = path.join(state, 'tailnet.json');
  // The pip project's venv is the shared SDK virtualenv, linked in: `pulumi install` (the default
  // prepare step) would recreate it with `python -m venv`, which refuses a link. The uv project keeps
  // the default, `pulumi install` running `uv sync`.
  const prepare = backend === 'real' && variant === 'pip' ? '    prepare: false\n' : '';
  const repo = makeRepo({ 'blumeops.yaml': CONFIG + prepare }, { commit: false });
  const project = path.join(repo, PROJECT_DIR);
  const base: Record<string, string> = { PULUMI_CONFIG_PASSPHRASE: 'blumeops-e2e', PULUMI_SKIP_UPDATE_CHECK: 'true' };
  let env: Record<string, string>;
  let lockRoot: string;
  if (backend === 'real') {
    const real = realPulumi() as RealPulumi;
    cpSync(path.join(PROJECT_ROOT, 'tests/real/pulumi', variant === 'uv' ? 'tailnet-uv' : 'tailnet'), project, { recursive: true, dereference: true });
    if (variant === 'pip') symlinkSync(real.venv, path.join(project, 'venv'));
    writeFileSync(path.join(repo, '.gitignore'), 'venv\n.venv\n__pycache__/\n');
    env = {
      ...base,
      PATH: [real.bin, path.join(real.venv, 'bin'), ...EMULATORS.filter((dir) => !dir.endsWith('pulumi')), process.env.PATH].join(path.delimiter),
      PULUMI_HOME: path.join(state, 'home'),
      PULUMI_BACKEND_URL: `file://${state}/backend`,
      BLUMEOPS_TAILNET_FILE: tailnetFile,
      UV_CACHE_DIR: real.uvCache,
      UV_OFFLINE: '1',
      UV_PYTHON: path.join(real.venv, 'bin', 'python'),
      UV_PYTHON_DOWNLOADS: 'never',
    };
    lockRoot = path.join(state, 'backend', '.pulumi', 'locks');
    writeFiles(state, { 'backend/.keep': '', 'home/.keep': '' });
  } else {
    env = { ...base, PULUMI_EMULATOR_STATE: path.join(state, 'state.json') };
    lockRoot = path.join(state, '.pulumi', 'locks');
    writeFiles(project, { 'Pulumi.yaml': emulatorProgram(FIRST) });
  }
  const fullEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ ...process.env, PATH: [...EMULATORS, process.env.PATH].join(path.delimiter), ...env, ...extra });
  const pulumi = (args: string[]) => run('pulumi', [...args, '--non-interactive'], project, fullEnv());

  const init = await pulumi(['stack', 'init', STACK]);
  if (init.code !== 0) throw new Error(`pulumi stack init failed: ${init.stderr}`);
  const secret = await pulumi(['config', 'set', '--secret', 'apiKey', SECRET, '--stack', STACK]);
  if (secret.code !== 0) throw new Error(`pulumi config set failed: ${secret.stderr}`);
  commitAll(repo, 'tailnet: first light');

  const world: PulumiWorld = {
    backend,
    repo,
    env,
    want(tailnet, message) {
      if (backend === 'real') writeFiles(project, { 'tailnet.yaml': realDesired(tailnet) });
      else writeFiles(project, { 'Pulumi.yaml': emulatorProgram(tailnet) });
      commitAll(repo, message);
    },
    drift(device, tags): Record<string, string> {
      if (backend === 'emulator') return { PULUMI_EMULATOR_DRIFT: `${device}-tags=tags=${JSON.stringify(tags)}` };
      const live = JSON.parse(readFileSync(tailnetFile, 'utf8'));
      live.devices[device].tags = tags;
      writeFileSync(tailnetFile, JSON.stringify(live));
      return {};
    },
    failing(device, tags): { env: Record<string, string>; message: string } {
      const message = `device ${device}: invalid tag '${tags[0]}' (tags look like tag:name)`;
      return { env: backend === 'emulator' ? { PULUMI_EMULATOR_RESOURCE_FAIL: `${device}-tags=${message}` } : {}, message };
    },
    slow(seconds): Record<string, string> {
      return backend === 'emulator' ? { PULUMI_EMULATOR_STEP_DELAY_MS: String(seconds * 1000) } : { BLUMEOPS_TAILNET_DELAY: String(seconds) };
    },
    pulumiUp(extra) {
      return spawn('pulumi', ['up', '--yes', '--skip-preview', '--non-interactive', '--stack', STACK], { cwd: project, env: fullEnv(extra), stdio: 'ignore' });
    },
    locked() {
      const walk = (dir: string): boolean =>
        existsSync(dir) && readdirSync(dir, { withFileTypes: true }).some((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : entry.name.endsWith('.json')));
      return walk(lockRoot);
    },
    pulumi,
  };
  return world;
}
