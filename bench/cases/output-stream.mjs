/**
 * output stream: a pulumi layer whose tool prints 100 MB on stderr (as `pulumi -v=9 --logtostderr`
 * would), one line in 8 carrying one of 20 secrets resolved from op:// refs by the op emulator, then
 * a valid preview digest on stdout. Everything passes the exec gateway (split, masked, logged).
 * MB/s (net) = 100 MB / (blumeops time − the same plan with a tool that prints only the digest);
 * gross = 100 MB / blumeops time. Baseline: `cat` of the same bytes to a file. Afterwards the run
 * log is checked: ~100 MB, no secret, every occurrence masked.
 */
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, NODE, benchEnv, tempDir } from '../lib/env.mjs';
import { sample, stats, timed } from '../lib/measure.mjs';
import { clearRuns, initEmulatorStacks, latestRun, makeRepo } from '../lib/repo.mjs';
import { fmtKB, row } from '../lib/rows.mjs';
import { tailnetProgram } from './plan-overhead.mjs';
import { writeNoise } from './output-noise.mjs';

export const name = 'output-stream';
export const title = 'a tool printing 100 MB with 20 secrets, through the exec gateway to the run log';
export const target = '≥ 100 MB/s';
const MIN_MBPS = 100;
const SECRETS = 20;
const BYTES = 100e6;

function setup() {
  const secrets = Array.from({ length: SECRETS }, (_, i) => `s3cr3t-${String(i + 1).padStart(2, '0')}-${Math.random().toString(16).slice(2, 14)}`);
  const keys = secrets.map((_, i) => `S${String(i + 1).padStart(2, '0')}`);
  let config = 'version: 1\nlayers:\n  stream:\n    kind: pulumi\n    dir: pulumi/stream\n    stack: dev\n    refresh: false\n    env:\n';
  keys.forEach((key) => (config += `      ${key}: op://bench/secrets/${key.toLowerCase()}\n`));
  const repo = makeRepo('output-stream', { 'blumeops.yaml': config, 'pulumi/stream/Pulumi.yaml': tailnetProgram('stream'), 'pulumi/stream/Pulumi.dev.yaml': 'config: {}\n' });
  const work = tempDir('output-stream-data');
  const file = (name) => path.join(work, name);
  writeFileSync(file('vault.json'), JSON.stringify({ signedIn: true, vaults: { bench: { secrets: Object.fromEntries(keys.map((key, i) => [key.toLowerCase(), secrets[i]])) } } }));
  const occurrences = writeNoise(file('noise.txt'), BYTES, secrets);
  writeFileSync(file('empty.txt'), '');
  const bin = tempDir('output-stream-bin');
  // Fails unless blumeops resolved the secrets into its env; then the noise, then the digest.
  writeFileSync(path.join(bin, 'pulumi'), `#!/bin/sh\n: "\${S01:?not resolved}" "\${S${SECRETS}:?not resolved}"\ncat "$BENCH_NOISE" >&2\nexec cat '${file('digest.json')}'\n`);
  chmodSync(path.join(bin, 'pulumi'), 0o755);
  return { repo, work, file, bin, secrets, occurrences };
}

/** The run log of the last plan: its size, and whether any secret escaped masking. */
function checkLog(repo, secrets, occurrences) {
  const log = path.join(latestRun(repo), 'stream.log');
  const bytes = readFileSync(log);
  const leaked = secrets.filter((secret) => bytes.includes(secret));
  let masked = 0;
  for (let at = bytes.indexOf('****'); at !== -1; at = bytes.indexOf('****', at + 4)) masked += 1;
  if (leaked.length > 0) throw new Error(`${leaked.length} secrets are in the run log ${log}`);
  if (masked < occurrences) throw new Error(`the run log has ${masked} masks, expected ${occurrences}`);
  return `run log ${(bytes.length / 1e6).toFixed(0)} MB, no secret, ${masked} masks`;
}

export async function run({ runs, log }) {
  const { repo, file, bin, secrets, occurrences } = setup();
  initEmulatorStacks(file('state.json'), { dev: 'stream' });
  const knobs = { OP_EMULATOR_VAULT: file('vault.json'), PULUMI_EMULATOR_STATE: file('state.json') };
  const base = benchEnv(knobs);
  await timed('pulumi', ['preview', '--json', '--non-interactive', '--stack', 'dev'], { cwd: path.join(repo, 'pulumi/stream'), env: base, stdout: file('digest.json') });
  let checked = '';
  const plan = (noise) => async () => {
    clearRuns(repo);
    const result = await timed(NODE, [BIN, 'plan', '--json'], { cwd: repo, env: benchEnv({ ...knobs, BENCH_NOISE: noise }, [bin]), stdout: file('plan.json') });
    if (noise === file('noise.txt')) checked = checkLog(repo, secrets, occurrences); // after the clock stopped
    return result;
  };
  await plan(file('noise.txt'))();
  log(`  ${checked}`);
  const cat = () => timed('cat', [file('noise.txt')], { cwd: repo, env: base, stdout: file('cat.out') });
  const results = await sample({ blumeops: plan(file('noise.txt')), 'no output': plan(file('empty.txt')), cat }, runs, log);
  const ours = stats(results.blumeops);
  const quiet = stats(results['no output']);
  const catStats = stats(results.cat);
  const mbps = (ms) => BYTES / 1e6 / (ms / 1000);
  const net = mbps(ours.ms - quiet.ms);
  return [row({
    label: 'output stream (100 MB, 20 secrets)',
    ours,
    base: catStats,
    measured: `${Math.round(net)} MB/s net (${Math.round(mbps(ours.ms))} gross)`,
    target,
    met: net >= MIN_MBPS,
    notes: [`every run checked: ${checked}; blumeops peak RSS ${fmtKB(ours.rssKB)}; no-output plan ${Math.round(quiet.ms)} ms; cat ${Math.round(mbps(catStats.ms))} MB/s`],
  })];
}
