/**
 * big Pulumi preview: `blumeops plan --json` of a 20,000-step preview digest (~41 MB, generated once
 * by the emulator's PULUMI_EMULATOR_GENERATE), against a `node -e` that only JSON.parses the same
 * file. The plan's `pulumi` is a replay (`exec cat` of the digest) so that the time and the peak RSS
 * are blumeops' own (the generating emulator alone peaks at ~340 MB).
 */
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, NODE, benchEnv, tempDir } from '../lib/env.mjs';
import { sample, stats, timed } from '../lib/measure.mjs';
import { clearRuns, makeRepo } from '../lib/repo.mjs';
import { row, rssCheck } from '../lib/rows.mjs';
import { TAILNET_CONFIG, tailnetProgram } from './plan-overhead.mjs';

export const name = 'big-preview';
export const title = 'plan of a 20,000-step preview vs JSON.parse of the same file';
export const target = '≤ 3×, peak RSS ≤ 400 MB';
const MAX = 3;
const MAX_MB = 400;
const STEPS = 20000;
const PARSE_ONLY = "JSON.parse(require('node:fs').readFileSync(process.argv[1], 'utf8'))";

/** A bin dir whose `pulumi` prints `file` and exits 0, whatever its arguments. */
export function replayBin(tool, file) {
  const dir = tempDir(`${tool}-replay`);
  writeFileSync(path.join(dir, tool), `#!/bin/sh\nexec cat '${file}'\n`);
  chmodSync(path.join(dir, tool), 0o755);
  return dir;
}

export async function run({ runs, log }) {
  const repo = makeRepo('big-preview', {
    'blumeops.yaml': TAILNET_CONFIG,
    'pulumi/tailscale/Pulumi.yaml': tailnetProgram(),
    'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n',
  });
  const work = tempDir('big-preview-out');
  const digest = path.join(work, 'preview.json');
  const generateEnv = benchEnv({ PULUMI_EMULATOR_GENERATE: String(STEPS), PULUMI_EMULATOR_STATE: path.join(work, 'state.json') });
  const generated = await timed('pulumi', ['preview', '--json', '--non-interactive', '--stack', 'tail8d86e'], { cwd: path.join(repo, 'pulumi/tailscale'), env: generateEnv, stdout: digest });
  const megabytes = statSync(digest).size / 1e6;
  log(`  generated ${megabytes.toFixed(1)} MB in ${Math.round(generated.ms)} ms (emulator peak ${Math.round(generated.rssKB / 1024)} MB)`);

  const env = benchEnv({}, [replayBin('pulumi', digest)]);
  const out = path.join(work, 'plan.json');
  const blumeops = () => {
    clearRuns(repo); // each run logs ~48 MB; 50 runs are kept
    return timed(NODE, [BIN, 'plan', 'tailnet', '--json'], { cwd: repo, env, stdout: out });
  };
  const parseOnly = () => timed(NODE, ['-e', PARSE_ONLY, digest], { cwd: work, env });

  await blumeops();
  const [layer] = JSON.parse(readFileSync(out, 'utf8')).layers;
  if (layer?.summary?.create !== STEPS) throw new Error(`expected ${STEPS} creates, got ${JSON.stringify(layer?.summary ?? layer?.error)}`);
  const results = await sample({ blumeops, 'JSON.parse only': parseOnly }, runs, log);
  const ours = stats(results.blumeops);
  const base = stats(results['JSON.parse only']);
  const ratio = ours.ms / base.ms;
  const rss = rssCheck(ours, MAX_MB);
  return [row({
    label: `big preview (${STEPS} steps, ${megabytes.toFixed(0)} MB)`,
    ours,
    base,
    measured: `${ratio.toFixed(2)}×, ${rss.text}`,
    target,
    met: ratio <= MAX && rss.met,
    notes: [`JSON.parse-only peak RSS ${Math.round(base.rssKB / 1024)} MB; emulator generating it: ${(generated.ms / 1000).toFixed(1)} s, ${Math.round(generated.rssKB / 1024)} MB (not in the plan's time)`],
  })];
}
