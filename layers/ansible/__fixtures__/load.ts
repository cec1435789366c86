/** Test-only: read a captured fixture (see capture.sh) and build the RunResult a run would return. */
import { readFileSync, existsSync } from 'node:fs';
import type { RunResult } from '../../../src/reconciler.js';

const here = new URL('./', import.meta.url);

export function fixture(file: string): string {
  const url = new URL(file, here);
  return existsSync(url) ? readFileSync(url, 'utf8') : '';
}

/** The exit code capture.sh recorded for a fixture. */
export function exitCodeOf(name: string): number {
  const line = fixture('exit-codes.txt').split('\n').find((entry) => entry.startsWith(`${name} `));
  if (!line) throw new Error(`no exit code recorded for ${name}`);
  return Number(line.split(' ')[1]);
}

/** The RunResult of a captured run: NAME.jsonl, NAME.stderr.txt and its exit code. */
export function capturedRun(name: string): RunResult {
  return {
    command: 'ansible-playbook',
    logPath: '/logs/run.log',
    exitCode: exitCodeOf(name),
    stdout: fixture(`${name}.jsonl`),
    stderr: fixture(`${name}.stderr.txt`),
  };
}
