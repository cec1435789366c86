/**
 * Timing and memory. Every measured command runs under GNU time (`/usr/bin/time -f %M`): wall time is
 * taken here with hrtime around the spawn, peak RSS comes from the kernel (wait4's ru_maxrss: the
 * largest single process of the tree, in KB). Cases that want blumeops' own memory make the tool a
 * `cat` replay, so that the largest process is blumeops.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TIME = '/usr/bin/time';
const scratch = mkdtempSync(path.join(os.tmpdir(), 'blumeops-bench-time-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/**
 * Runs `cmd args` once. stdout goes to the file `stdout` (else /dev/null); stderr is kept (its last
 * 64 KB) for error messages. Resolves to { ms, rssKB, code, stderr }; rejects when the exit code is
 * not in `okCodes` (default [0]).
 */
export function timed(cmd, args, { cwd, env, stdout, okCodes = [0] } = {}) {
  const rssFile = path.join(scratch, `rss-${counter++}`);
  const out = stdout ? openSync(stdout, 'w') : 'ignore';
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(TIME, ['-f', '%M', '-o', rssFile, cmd, ...args], { cwd, env, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-65536);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (typeof out === 'number') closeSync(out);
      let rssKB = NaN;
      try {
        const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
        rssKB = Number(lines.at(-1));
        rmSync(rssFile, { force: true });
      } catch {
        // no report: time itself failed; the exit code says why
      }
      if (!okCodes.includes(code)) {
        return reject(new Error(`${path.basename(cmd)} ${args.join(' ').slice(0, 200)} exited ${code}\n${stderr.slice(-3000)}`));
      }
      resolve({ ms, rssKB, code, stderr });
    });
  });
}

/** Runs several timed steps one after another: their times add up, the peak RSS is the largest. */
export async function sequence(steps) {
  let ms = 0;
  let rssKB = 0;
  const parts = [];
  for (const step of steps) {
    const result = await step();
    ms += result.ms;
    rssKB = Math.max(rssKB, result.rssKB);
    parts.push(result.ms);
  }
  return { ms, rssKB, parts };
}

/** Starts every step at once: the time until the last one ends, the largest peak RSS. */
export async function concurrently(steps) {
  const started = process.hrtime.bigint();
  const results = await Promise.all(steps.map((step) => step()));
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, rssKB: Math.max(...results.map((result) => result.rssKB)) };
}

export function median(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * 1 warm-up of each variant, then `runs` rounds of every variant; the order rotates each round so
 * that load drift on a shared machine hits every variant alike. `variants` maps a name to an async
 * function returning at least { ms, rssKB }; `warmups` may give a cheaper warm-up for a variant (same
 * code paths, smaller input). Resolves to name → the list of results (warm-up excluded).
 */
export async function sample(variants, runs, log = () => {}, warmups = {}) {
  const names = Object.keys(variants);
  const results = Object.fromEntries(names.map((name) => [name, []]));
  for (const name of names) {
    const result = await (warmups[name] ?? variants[name])();
    log(`  warm-up ${name.padEnd(18)} ${fmtMs(result.ms)}`);
  }
  for (let round = 0; round < runs; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      const result = await variants[name]();
      results[name].push(result);
      log(`  run ${round + 1} ${name.padEnd(20)} ${fmtMs(result.ms)}  ${fmtKB(result.rssKB)}`);
    }
  }
  return results;
}

/** Median time, peak RSS (largest over the runs) and the raw times of a variant's results. */
export function stats(results) {
  return {
    ms: median(results.map((result) => result.ms)),
    rssKB: Math.max(...results.map((result) => result.rssKB)),
    samplesMs: results.map((result) => Math.round(result.ms)),
  };
}

export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

export function fmtKB(kb) {
  return Number.isFinite(kb) ? `${Math.round(kb / 1024)} MB` : '—';
}
