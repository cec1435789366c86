/**
 * watch --listen does not leak: RSS of the watch process after 1,000 fast cycles (10 ms interval, a
 * replayed pulumi layer, an events client connected and /metrics scraped throughout) against its RSS
 * after 100 cycles. Read from /proc/PID/status (VmRSS) when the log line of that cycle appears.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { fmtKB, row } from '../lib/rows.mjs';
import { serviceWorld, startWatch, until } from './service-world.mjs';

export const name = 'service-rss';
export const title = 'watch --listen RSS after 1,000 fast cycles vs after 100';
export const target = '≤ 1.10×';
export const defaultRuns = 1;
const MAX_RATIO = 1.1;
const EARLY = 100;
const LATE = 1000;

const rssKB = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const cycles = (output) => Number([...output.stdout.matchAll(/ cycle (\d+):/g)].at(-1)?.[1] ?? 0);

export async function run({ runs, log }) {
  const { repo, env } = await serviceWorld({ pulumiLayers: 1, apps: 0 });
  const results = [];
  for (let round = 0; round < runs; round++) {
    const watch = await startWatch(repo, env, ['--interval', '10ms', '--cycles', String(LATE + 1)]);
    const events = http.get(new URL('api/v1/events', watch.url), (response) => response.resume());
    const scraper = setInterval(() => http.get(new URL('metrics', watch.url), (response) => response.resume()).on('error', () => {}), 100);
    const started = Date.now();
    try {
      await until(() => cycles(watch.output) >= EARLY, 300_000, `cycle ${EARLY}`);
      const early = rssKB(watch.pid);
      log(`  run ${round + 1}: cycle ${EARLY} after ${((Date.now() - started) / 1000).toFixed(0)} s, RSS ${fmtKB(early)}`);
      await until(() => cycles(watch.output) >= LATE, 1_800_000, `cycle ${LATE}`);
      const late = rssKB(watch.pid);
      log(`  run ${round + 1}: cycle ${LATE} after ${((Date.now() - started) / 1000).toFixed(0)} s, RSS ${fmtKB(late)} (${(late / early).toFixed(3)}×)`);
      results.push({ early, late, seconds: (Date.now() - started) / 1000 });
    } finally {
      clearInterval(scraper);
      events.destroy();
      await watch.stop();
    }
  }
  const worst = results.reduce((a, b) => (b.late / b.early > a.late / a.early ? b : a));
  const ratio = worst.late / worst.early;
  return [row({
    label: `watch --listen RSS, cycle ${LATE} vs ${EARLY}`,
    ours: { ms: NaN, rssKB: worst.late, samplesMs: [] },
    measured: `${fmtKB(worst.early)} → ${fmtKB(worst.late)} (${ratio.toFixed(2)}×)`,
    target,
    met: ratio <= MAX_RATIO,
    notes: [`${LATE} cycles in ${worst.seconds.toFixed(0)} s; an events client connected and /metrics scraped every 100 ms throughout`],
  })];
}
