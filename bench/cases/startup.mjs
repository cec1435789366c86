/**
 * startup: `blumeops --help` and `blumeops --version` against `node -e 0` (Node's own start-up).
 * Each run is the mean of BATCH back-to-back invocations: one start-up is ~0.1 s, below the noise
 * of a shared machine. Run in an empty dir (no blumeops.yaml to find).
 */
import { BIN, benchEnv, nodes, tempDir } from '../lib/env.mjs';
import { sample, stats, timed } from '../lib/measure.mjs';
import { ratioRow } from '../lib/rows.mjs';

export const name = 'startup';
export const title = 'blumeops --help / --version vs node -e 0';
export const target = '≤ 1.35×';
const MAX = 1.35;
const BATCH = 5;

export async function run({ runs, log }) {
  const cwd = tempDir('startup');
  const env = benchEnv();
  const rows = [];
  for (const node of nodes()) {
    const batch = (args) => async () => {
      let ms = 0;
      let rssKB = 0;
      for (let i = 0; i < BATCH; i++) {
        const result = await timed(node.path, args, { cwd, env });
        ms += result.ms / BATCH;
        rssKB = Math.max(rssKB, result.rssKB);
      }
      return { ms, rssKB };
    };
    log(`  ${node.label}`);
    // One warm-up fills V8's compile cache (Node ≥ 22.1), as every start after the first finds it.
    const results = await sample({ help: batch([BIN, '--help']), version: batch([BIN, '--version']), node: batch(['-e', '0']) }, runs, log);
    const base = stats(results.node);
    const note = [`${node.label}; each run = mean of ${BATCH} invocations`];
    rows.push(ratioRow(`startup --help (${node.label})`, stats(results.help), base, MAX, note), ratioRow(`startup --version (${node.label})`, stats(results.version), base, MAX, [node.label]));
  }
  return rows;
}
