/**
 * plan overhead: `blumeops plan tailnet --json` on a one-layer repo with an instant pulumi emulator,
 * against the very pulumi call blumeops makes (read back from the run log), run directly with the
 * environment blumeops gives it. The difference is what blumeops costs on top of its tool. Then the
 * same against the real pulumi (tests/real/install) previewing the Python tailnet project, in sync.
 * Each is measured on every Node version at hand (lib/env.mjs nodes(), as startup does): only
 * blumeops runs on it; the tool, and so the baseline, is the same for both.
 */
import path from 'node:path';
import { BIN, TOOL_ENV, benchEnv, nodes, tempDir } from '../lib/env.mjs';
import { sample, stats, timed } from '../lib/measure.mjs';
import { execFileSync } from 'node:child_process';
import { cpSync, symlinkSync } from 'node:fs';
import { ROOT } from '../lib/env.mjs';
import { realPulumi } from '../lib/real-tools.mjs';
import { initEmulatorStacks, loggedCalls, makeRepo } from '../lib/repo.mjs';
import { deltaRow } from '../lib/rows.mjs';

export const name = 'plan-overhead';
export const title = 'blumeops plan tailnet --json vs the same pulumi preview run directly';
export const target = '≤ +150 ms';
const MAX_MS = 150;

export const TAILNET_CONFIG = `version: 1
layers:
  tailnet:
    kind: pulumi
    dir: pulumi/tailscale
    stack: tail8d86e
    refresh: false
`;

export const tailnetProgram = (project = 'blumeops-tailnet') => `name: ${project}
runtime: yaml
resources:
  tailnet-acl:
    type: tailscale:index/acl:Acl
    properties:
      acl: '{"acls": []}'
  indri-tags:
    type: tailscale:index/deviceTags:DeviceTags
    properties:
      deviceId: nodeid-indri
      tags: ["tag:server"]
`;

/**
 * Times `blumeops plan tailnet --json` in `repo`, run by each Node version, against the pulumi call
 * it logged, run directly: one row per Node version, `LABEL (node 20)`. Each version gets its own
 * baseline sample, so load drift between the versions' turns does not count as overhead.
 */
async function overhead(label, repo, env, runs, log) {
  const out = path.join(tempDir('plan-overhead-out'), 'plan.json');
  const rows = [];
  for (const node of nodes()) {
    log(`  ${node.label}`);
    const blumeops = () => timed(node.path, [BIN, 'plan', 'tailnet', '--json'], { cwd: repo, env, stdout: out });
    await blumeops();
    const [call] = loggedCalls(repo).tailnet;
    log(`  baseline: ${call.tool} ${call.args.join(' ')}`);
    const toolEnv = { ...env, ...TOOL_ENV.pulumi };
    const direct = () => timed(call.tool, call.args, { cwd: call.cwd, env: toolEnv, stdout: `${out}.direct` });
    const results = await sample({ blumeops, pulumi: direct }, runs, log);
    const note = [`baseline: ${call.tool} ${call.args.slice(0, 4).join(' ')} …`];
    rows.push(deltaRow(`${label} (${node.label})`, stats(results.blumeops), stats(results.pulumi), MAX_MS, note));
  }
  return rows;
}

/** A repo whose tailnet is the real Python project on a file backend, its stack created and up to date. */
function realRepo(real) {
  const state = tempDir('plan-overhead-real');
  // The venv is the shared SDK virtualenv, linked in: `pulumi install` (the default prepare step for
  // a Python project) would recreate it with `python -m venv`, which refuses a link; and the
  // dependency step is not the overhead measured here.
  const config = `${TAILNET_CONFIG}    prepare: false\n`;
  const repo = makeRepo('plan-overhead-real', { 'blumeops.yaml': config, '.gitignore': 'venv\n__pycache__/\n' });
  const project = path.join(repo, 'pulumi/tailscale');
  cpSync(path.join(ROOT, 'tests/real/pulumi/tailnet'), project, { recursive: true, dereference: true });
  symlinkSync(real.venv, path.join(project, 'venv'));
  const env = benchEnv(
    {
      PULUMI_BACKEND_URL: `file://${state}`,
      PULUMI_HOME: path.join(state, '.home'),
      PULUMI_CONFIG_PASSPHRASE: 'not-a-real-passphrase-4f1c',
      PULUMI_SKIP_UPDATE_CHECK: 'true',
      BLUMEOPS_TAILNET_FILE: path.join(state, 'tailnet.json'),
    },
    [real.bin],
  );
  const pulumi = (...args) => execFileSync('pulumi', [...args, '--non-interactive'], { cwd: project, env, stdio: ['ignore', 'ignore', 'pipe'] });
  pulumi('stack', 'init', 'tail8d86e');
  pulumi('config', 'set', '--secret', 'apiKey', 'bench-secret');
  pulumi('up', '--yes', '--skip-preview', '--stack', 'tail8d86e');
  execFileSync('git', ['add', '-A'], { cwd: repo, env });
  execFileSync('git', ['commit', '--quiet', '-m', 'stack'], { cwd: repo, env });
  return { repo, env };
}

export async function run({ runs, log }) {
  const repo = makeRepo('plan-overhead', {
    'blumeops.yaml': TAILNET_CONFIG,
    'pulumi/tailscale/Pulumi.yaml': tailnetProgram(),
    'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n',
  });
  const state = path.join(tempDir('plan-overhead-state'), 'pulumi-state.json');
  initEmulatorStacks(state, { tail8d86e: 'blumeops-tailnet' });
  const rows = await overhead('plan overhead', repo, benchEnv({ PULUMI_EMULATOR_STATE: state }), runs, log);

  const real = realPulumi();
  if (typeof real === 'string') {
    log(`  real pulumi: skipped, ${real}`);
    return rows;
  }
  log('  real pulumi: the Python tailnet project, in sync, file backend');
  const world = realRepo(real);
  rows.push(...(await overhead('plan overhead, real pulumi', world.repo, world.env, runs, log)));
  return rows;
}
