import { InvalidArgumentError, type Command } from 'commander';
import { isDuration, parseDuration } from '../duration.js';

/** Flags every plan/apply-like command takes. */
export interface CommonFlags {
  repo?: string;
  json: boolean;
  yes: boolean;
  ref?: string;
  detailedExitcode: boolean;
  verbose: boolean;
  quiet: boolean;
  color: boolean;
  concurrency: number;
  allowDirty: boolean;
  /** plan only: text, json or markdown. */
  format?: string;
}

/** Plans are read-only, so a plan runs every layer's tool at once (up to 8); applies change things, 4. */
export const PLAN_CONCURRENCY = 8;
export const APPLY_CONCURRENCY = 4;

/** A whole number ≥ 1 (commander reports the flag and this message on anything else). */
export function positiveInteger(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < 1) throw new InvalidArgumentError('it takes a whole number ≥ 1.');
  return number;
}

export const parseConcurrency = positiveInteger;

/** The longest watch interval: a year is already more than anyone means. */
const MAX_INTERVAL_MS = 366 * 86_400_000;

/** A duration such as 30s, 10m, 1h or 7d, above zero; returns milliseconds. */
export function positiveDuration(value: string): number {
  if (!isDuration(value)) throw new InvalidArgumentError('it takes a duration such as 30s, 10m, 1h or 7d.');
  const ms = parseDuration(value);
  if (ms <= 0) throw new InvalidArgumentError('it takes a duration above zero, such as 30s or 10m.');
  if (ms > MAX_INTERVAL_MS) throw new InvalidArgumentError('it takes a duration of at most 366d.');
  return ms;
}

export function withRepoFlags(command: Command): Command {
  return command
    .option('-C, --repo <dir>', 'the infra repo (default: walk up from the current directory to blumeops.yaml)')
    .option('--json', 'print one JSON document on stdout; human output goes to stderr', false)
    .option('-v, --verbose', 'show diffs and every tool event', false)
    .option('-q, --quiet', 'only errors and the final result', false)
    .option('--no-color', 'no colours and no spinners');
}

export function withRunFlags(command: Command, apply: boolean): Command {
  withRepoFlags(command)
    .option('--ref <rev>', 'reconcile another commit (through a temporary git worktree)')
    .option('--detailed-exitcode', apply ? 'exit 2 when changes were applied' : 'exit 2 when there are changes', false)
    .option('--concurrency <n>', apply ? 'layers planned and applied at once' : 'layers planned at once', parseConcurrency, apply ? APPLY_CONCURRENCY : PLAN_CONCURRENCY);
  if (apply) {
    command
      .option('-y, --yes', 'apply without asking', false)
      .option('--allow-dirty', 'apply even though the layer has uncommitted changes (recorded as dirty)', false)
      .option('-m, --message <text>', 'why: recorded in the ledger (default: the commit subject)');
  }
  return command;
}
