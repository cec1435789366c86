/**
 * watch --listen does not leak: the RSS of the watch process around cycle 1,000 against around cycle
 * 100 (10 ms interval, a replayed pulumi layer, an events client connected and /metrics scraped
 * throughout). RSS is read from /proc/PID/status (VmRSS) every 100 ms; a single reading swings with
 * garbage collection, so each side is the median of the readings over a window of 100 cycles
 * (cycles 100–199 and 900–999).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { median } from '../lib/measure.mjs';
import { fmtKB, row } from '../lib/rows.mjs';
import { serviceWorld, startWatch, until } from './service-world.mjs';

export const name = 'service-rss';
export const title = 'watch --listen RSS around cycle 1,000 vs around cycle 100';
export const target = '≤ 1.10×';
export const defaultRuns = 1;
const MAX_RATIO = 1.1;
const EARLY = 100;
const LATE = 900;
const WINDOW = 100;

const rssKB = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const cycles = (output) => Number([...output.stdout.matchAll(/ cycle (\d+):/g)].at(-1)?.[1] ?? 0);

export async function run({ runs, log }) {
  const { repo, env } = await serviceWorld({ pulumiLayers: 1, apps: 0 });
  const results = [];
  for (let round = 0; round < runs; round++) {
    const watch = await startWatch(repo, env, ['--interval', '10ms', '--cycles', String(LATE + WINDOW + 1)]);
    const events = http.get(new URL('api/v1/events', watch.url), (response) => response.resume());
    const scraper = setInterval(() => http.get(new URL('metrics', watch.url), (response) => response.resume()).on('error', () => {}), 100);
    const early = [];
    const late = [];
    const sampler = setInterval(() => {
      const cycle = cycles(watch.output);
      if (cycle >= EARLY && cycle < EARLY + WINDOW) early.push(rssKB(watch.pid));
      if (cycle >= LATE && cycle < LATE + WINDOW) late.push(rssKB(watch.pid));
    }, 100);
    const started = Date.now();
    try {
      await until(() => cycles(watch.output) >= LATE + WINDOW, 1_800_000, `cycle ${LATE + WINDOW}`);
      const result = { early: median(early), late: median(late), samples: [early.length, late.length], seconds: (Date.now() - started) / 1000 };
      log(`  run ${round + 1}: RSS ${fmtKB(result.early)} around cycle ${EARLY}, ${fmtKB(result.late)} around cycle ${LATE + WINDOW} (${(result.late / result.early).toFixed(3)}×; ${result.samples.join(' and ')} readings; ${result.seconds.toFixed(0)} s)`);
      results.push(result);
    } finally {
      clearInterval(sampler);
      clearInterval(scraper);
      events.destroy();
      await watch.stop();
    }
  }
  const worst = results.reduce((a, b) => (b.late / b.early > a.late / a.early ? b : a));
  const ratio = worst.late / worst.early;
  return [row({
    label: `watch --listen RSS, cycle ${LATE + WINDOW} vs ${EARLY}`,
    ours: { ms: NaN, rssKB: worst.late, samplesMs: [] },
    measured: `${fmtKB(worst.early)} → ${fmtKB(worst.late)} (${ratio.toFixed(2)}×)`,
    target,
    met: ratio <= MAX_RATIO,
    notes: [`${LATE + WINDOW} cycles in ${worst.seconds.toFixed(0)} s; medians of ${worst.samples.join(' and ')} readings; an events client connected and /metrics scraped every 100 ms throughout`],
  })];
}
