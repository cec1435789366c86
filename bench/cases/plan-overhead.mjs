/**
 * plan overhead: `blumeops plan tailnet --json` on a one-layer repo with an instant pulumi emulator,
 * against the very pulumi call blumeops makes (read back from the run log), run directly with the
 * environment blumeops gives it. The difference is what blumeops costs on top of its tool.
 */
import path from 'node:path';
import { BIN, NODE, TOOL_ENV, benchEnv, tempDir } from '../lib/env.mjs';
import { sample, stats, timed } from '../lib/measure.mjs';
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

export async function run({ runs, log }) {
  const repo = makeRepo('plan-overhead', {
    'blumeops.yaml': TAILNET_CONFIG,
    'pulumi/tailscale/Pulumi.yaml': tailnetProgram(),
    'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n',
  });
  const out = path.join(tempDir('plan-overhead-out'), 'plan.json');
  const state = path.join(path.dirname(out), 'pulumi-state.json');
  initEmulatorStacks(state, { tail8d86e: 'blumeops-tailnet' });
  const env = benchEnv({ PULUMI_EMULATOR_STATE: state });
  const blumeops = () => timed(NODE, [BIN, 'plan', 'tailnet', '--json'], { cwd: repo, env, stdout: out });

  await blumeops();
  const [call] = loggedCalls(repo).tailnet;
  log(`  baseline: ${call.tool} ${call.args.join(' ')}`);
  const toolEnv = { ...env, ...TOOL_ENV.pulumi };
  const direct = () => timed(call.tool, call.args, { cwd: call.cwd, env: toolEnv, stdout: `${out}.direct` });

  const results = await sample({ blumeops, pulumi: direct }, runs, log);
  return [deltaRow('plan overhead', stats(results.blumeops), stats(results.pulumi), MAX_MS, [`baseline: ${call.tool} ${call.args.slice(0, 4).join(' ')} …`])];
}
