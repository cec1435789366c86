/**
 * watch --listen does not leak: the RSS of the watch process around cycle 1,000 against around cycle
 * 100 (10 ms interval, a replayed pulumi layer, an events client connected and /metrics scraped
 * throughout). RSS is read from /proc/PID/status (VmRSS) every 100 ms; a single reading swings with
 * garbage collection, so each side is the median of the readings over a window of 100 cycles
 * (cycles 100–199 and 900–999). Baseline: the same ratio for `watch` without --listen. The HTTP
 * thread's own heap (nodejs_heap_size_used_bytes) is noted at both points.
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
  const listened = [];
  const plain = [];
  for (let round = 0; round < runs; round++) {
    for (const [listen, into] of round % 2 ? [[false, plain], [true, listened]] : [[true, listened], [false, plain]]) {
      const result = await measure(repo, env, listen);
      log(`  run ${round + 1} ${listen ? 'watch --listen' : 'watch (plain)'}: RSS ${fmtKB(result.early)} around cycle ${EARLY}, ${fmtKB(result.late)} around cycle ${LATE + WINDOW} (${result.ratio.toFixed(3)}×; ${result.samples.join(' and ')} readings; ${result.seconds.toFixed(0)} s)${result.heap ? `; HTTP thread heap ${result.heap.map((kb) => fmtKB(kb)).join(' → ')}` : ''}`);
      into.push(result);
    }
  }
  const ratio = median(listened.map((result) => result.ratio));
  const base = median(plain.map((result) => result.ratio));
  const typical = listened.find((result) => result.ratio === ratio) ?? listened[0];
  return [row({
    label: `watch --listen RSS, cycle ${LATE + WINDOW} vs ${EARLY}`,
    ours: { ms: NaN, rssKB: typical.late, samplesMs: [] },
    measured: `${fmtKB(typical.early)} → ${fmtKB(typical.late)} (${ratio.toFixed(2)}×)`,
    target,
    met: ratio <= MAX_RATIO,
    notes: [
      `without --listen the same loop goes ${base.toFixed(2)}× (${plain.map((result) => `${fmtKB(result.early)} → ${fmtKB(result.late)}`).join(', ')})`,
      `the HTTP thread's heap: ${listened.map((result) => result.heap?.map((kb) => fmtKB(kb)).join(' → ')).join(', ')}`,
      `${LATE + WINDOW} cycles in ${typical.seconds.toFixed(0)} s; medians of ${typical.samples.join(' and ')} readings; an events client connected and /metrics scraped every 100 ms throughout`,
    ],
  })];
}

async function measure(repo, env, listen) {
  const watch = await startWatch(repo, env, ['--interval', '10ms', '--cycles', String(LATE + WINDOW + 1)], { listen });
  const events = listen ? http.get(new URL('api/v1/events', watch.url), (response) => response.resume()) : undefined;
  const heap = [];
  const scrape = (keep) =>
    http.get(new URL('metrics', watch.url), (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk) => (text += chunk));
      response.on('end', () => keep && heap.push(Number(/^nodejs_heap_size_used_bytes ([\d.e+]+)/m.exec(text)?.[1]) / 1024));
    }).on('error', () => {});
  const scraper = listen ? setInterval(() => scrape(false), 100) : undefined;
  const early = [];
  const late = [];
  let heapTaken = 0;
  const sampler = setInterval(() => {
    const cycle = cycles(watch.output);
    if (cycle >= EARLY && cycle < EARLY + WINDOW) early.push(rssKB(watch.pid));
    if (cycle >= LATE && cycle < LATE + WINDOW) late.push(rssKB(watch.pid));
    if (listen && ((heapTaken === 0 && cycle >= EARLY + WINDOW / 2) || (heapTaken === 1 && cycle >= LATE + WINDOW / 2))) (heapTaken++, scrape(true));
  }, 100);
  const started = Date.now();
  try {
    await until(() => cycles(watch.output) >= LATE + WINDOW, 1_800_000, `cycle ${LATE + WINDOW}`);
    return { early: median(early), late: median(late), ratio: median(late) / median(early), samples: [early.length, late.length], seconds: (Date.now() - started) / 1000, heap: listen ? heap : undefined };
  } finally {
    clearInterval(sampler);
    clearInterval(scraper);
    events?.destroy();
    await watch.stop();
  }
}
