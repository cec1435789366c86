#!/usr/bin/env node
/**
 * blumeops benchmarks: each case measured against a baseline taken in the same run, as a ratio or a
 * difference, so that results hold on a shared, noisy machine. See bench/README.md.
 *
 *   node bench/run.mjs [case…] [-n RUNS] [--json FILE] [--keep] [--list]
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { keepTempDirs, removeTempDirs } from './lib/env.mjs';
import { fmtMs } from './lib/measure.mjs';
import { printTable } from './lib/table.mjs';
import * as startup from './cases/startup.mjs';
import * as planOverhead from './cases/plan-overhead.mjs';
import * as parallelPlan from './cases/parallel-plan.mjs';
import * as homelab from './cases/homelab.mjs';
import * as bigPreview from './cases/big-preview.mjs';
import * as argocdScale from './cases/argocd-scale.mjs';
import * as outputStream from './cases/output-stream.mjs';
import * as ansibleCallback from './cases/ansible-callback.mjs';
import * as service from './cases/service.mjs';
import * as serviceRss from './cases/service-rss.mjs';

const CASES = [startup, planOverhead, parallelPlan, homelab, bigPreview, argocdScale, outputStream, ansibleCallback, service, serviceRss];
const USAGE = `usage: node bench/run.mjs [case…] [-n RUNS] [--json FILE] [--keep] [--list]
  case        one or more of: ${CASES.map((c) => c.name).join(', ')} (default: all)
  -n RUNS     measured runs per variant, after 1 warm-up (default 5; a case may
              default to fewer when one run is long: ansible-callback, 2)
  --json FILE also write the results as JSON
  --keep      keep the temp repos (their paths are printed)
  --list      list the cases and their targets`;

function parse(argv) {
  const opts = { runs: 5, runsGiven: false, json: undefined, keep: false, cases: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-n' || arg === '--runs') (opts.runs = Number(argv[++i])), (opts.runsGiven = true);
    else if (arg === '--json') opts.json = argv[++i];
    else if (arg === '--keep') opts.keep = true;
    else if (arg === '--list') opts.list = true;
    else if (arg === '-h' || arg === '--help') opts.help = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option: ${arg}\n${USAGE}`);
    else opts.cases.push(arg);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error('-n must be a positive integer');
  if (opts.json === '') throw new Error('--json needs a file name');
  for (const name of opts.cases) {
    if (!CASES.some((c) => c.name === name)) throw new Error(`unknown case: ${name} (cases: ${CASES.map((c) => c.name).join(', ')})`);
  }
  return opts;
}

async function main() {
  const opts = parse(process.argv.slice(2));
  if (opts.help) return console.log(USAGE);
  if (opts.list) return CASES.forEach((c) => console.log(`${c.name.padEnd(18)} ${c.target}  — ${c.title}`));
  keepTempDirs(opts.keep);
  const selected = opts.cases.length ? CASES.filter((c) => opts.cases.includes(c.name)) : CASES;
  const log = (line) => process.stderr.write(`${line}\n`);
  const started = Date.now();
  const rows = [];
  log(`blumeops bench: ${selected.length} case(s), 1 warm-up + ${opts.runs} run(s) each; ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const c of selected) {
    const caseStarted = Date.now();
    const runs = opts.runsGiven ? opts.runs : Math.min(opts.runs, c.defaultRuns ?? opts.runs);
    log(`\n== ${c.name}: ${c.title} (target ${c.target}; 1 warm-up + ${runs} runs)`);
    try {
      for (const result of await c.run({ runs, log })) rows.push({ case: c.name, runs, ...result });
    } catch (error) {
      log(`  FAILED: ${error instanceof Error ? error.stack : error}`);
      rows.push({ case: c.name, label: c.name, error: String(error instanceof Error ? error.message : error).split('\n')[0], target: c.target, met: false });
    } finally {
      const kept = removeTempDirs();
      if (kept.length) log(`  kept: ${kept.join(' ')}`);
    }
    log(`  (${fmtMs(Date.now() - caseStarted)})`);
  }
  const seconds = (Date.now() - started) / 1000;
  printTable(rows, (line) => console.log(line));
  console.log(`\n${rows.filter((r) => r.met).length}/${rows.length} targets met in ${seconds.toFixed(0)} s (1 warm-up + N runs per variant, N in the JSON; medians; peak RSS from GNU time).`);
  if (opts.json) {
    const document = { version: 1, date: new Date().toISOString(), runs: opts.runs, node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadavg: os.loadavg(), durationS: Math.round(seconds), rows };
    writeFileSync(opts.json, `${JSON.stringify(document, null, 2)}\n`);
  }
  if (rows.some((r) => r.error)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  removeTempDirs();
  process.exitCode = 1;
});
