/**
 * parallel plan: `blumeops plan` of 6 independent pulumi layers whose tool takes 1 s each
 * (PULUMI_EMULATOR_DELAY_MS=1000), against the same 6 pulumi calls one after another (one mise task
 * per layer, as before blumeops). Measured at plan's default --concurrency (8: every layer at once)
 * and at 4 (two rounds), the apply default.
 */
import path from 'node:path';
import { BIN, NODE, TOOL_ENV, benchEnv, tempDir } from '../lib/env.mjs';
import { concurrently, sample, sequence, stats, timed } from '../lib/measure.mjs';
import { initEmulatorStacks, loggedCalls, makeRepo } from '../lib/repo.mjs';
import { fmtMs, ratioRow } from '../lib/rows.mjs';
import { tailnetProgram } from './plan-overhead.mjs';

export const name = 'parallel-plan';
export const title = 'blumeops plan of 6 layers × 1 s vs the 6 tool calls in sequence';
export const target = '≤ 0.25×';
const MAX = 0.25;
const LAYERS = 6;
const DELAY_MS = 1000;

export async function run({ runs, log }) {
  const files = { 'blumeops.yaml': `version: 1\nlayers:\n` };
  for (let i = 1; i <= LAYERS; i++) {
    files['blumeops.yaml'] += `  net${i}:\n    kind: pulumi\n    dir: pulumi/net${i}\n    stack: s${i}\n    refresh: false\n`;
    files[`pulumi/net${i}/Pulumi.yaml`] = tailnetProgram(`net${i}`);
    files[`pulumi/net${i}/Pulumi.s${i}.yaml`] = 'config: {}\n';
  }
  const repo = makeRepo('parallel-plan', files);
  const out = path.join(tempDir('parallel-plan-out'), 'plan.json');
  const state = path.join(path.dirname(out), 'state.json');
  initEmulatorStacks(state, Object.fromEntries(Array.from({ length: LAYERS }, (_, i) => [`s${i + 1}`, `net${i + 1}`])));
  const env = benchEnv({ PULUMI_EMULATOR_STATE: state, PULUMI_EMULATOR_DELAY_MS: String(DELAY_MS) });
  const blumeops = (...extra) => () => timed(NODE, [BIN, 'plan', '--json', ...extra], { cwd: repo, env, stdout: out });

  await blumeops()();
  const calls = Object.values(loggedCalls(repo)).flat();
  if (calls.length !== LAYERS) throw new Error(`expected ${LAYERS} pulumi calls in the run logs, found ${calls.length}`);
  const toolEnv = { ...env, ...TOOL_ENV.pulumi };
  const steps = calls.map((call, i) => () => timed(call.tool, call.args, { cwd: call.cwd, env: toolEnv, stdout: `${out}.direct${i}` }));
  const oneByOne = () => sequence(steps);
  // Not a target: the 6 calls started at once by no orchestrator, the floor on this machine.
  const allAtOnce = () => concurrently(steps);

  const results = await sample({ 'blumeops default': blumeops(), 'blumeops c=4': blumeops('--concurrency', '4'), 'in sequence': oneByOne, 'all at once': allAtOnce }, runs, log);
  const base = stats(results['in sequence']);
  const floor = stats(results['all at once']);
  return [
    ratioRow('parallel plan (default --concurrency 8)', stats(results['blumeops default']), base, MAX, [`the 6 tool calls started at once without blumeops take ${fmtMs(floor.ms)} (${(floor.ms / base.ms).toFixed(2)}×): the floor on this machine`]),
    ratioRow('parallel plan (--concurrency 4)', stats(results['blumeops c=4']), base, MAX, [`c=4 runs 6 layers in 2 rounds: its floor is 2 × ${DELAY_MS / 1000} s / ${LAYERS * DELAY_MS / 1000} s = 0.33×`]),
  ];
}
