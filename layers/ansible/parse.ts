/**
 * Pure: the JSON lines of the blumeops_events callback → events → a summary of the run.
 * Lines that are not ours (`No config file found; using defaults` with -v) are kept, never fatal.
 */
import { AnsibleEvent, type DiffEvent, type HostStats, type ResultEvent } from './schema.js';
import type { TaskOutcome } from './changes.js';

/** A host that failed a task, or could not be reached. */
export interface HostFailure {
  host: string;
  task: string;
  message: string;
  rc?: number | null;
  /** The tail of the task's stderr (or module_stderr), when it printed any. */
  stderr?: string;
}

export interface RunSummary {
  /** True when the run had any event of ours (argparse errors have none). */
  sawEvents: boolean;
  checkMode: boolean;
  /** One per task per host, in the order ansible reported them. */
  outcomes: TaskOutcome[];
  /** Failures that were not ignored (exit 2), rescued ones included (exit 0). */
  failed: HostFailure[];
  unreachable: HostFailure[];
  /** Ignored failures, module warnings, plays that matched no hosts, stray stdout lines. */
  warnings: string[];
  /** The recap; null when the run ended before it (interrupted, crashed). */
  stats: Record<string, HostStats> | null;
}

/** One line → our event, or undefined when the line is not one (stray output, unknown event). */
export function parseEventLine(line: string): AnsibleEvent | undefined {
  const value = parseTagged(line);
  if (value === undefined) return undefined;
  const parsed = AnsibleEvent.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Splits output into our events and stray lines (blank lines dropped). */
export function readEvents(output: string | readonly string[]): { events: AnsibleEvent[]; stray: string[] } {
  const lines = typeof output === 'string' ? output.split(/\r?\n/) : output;
  const events: AnsibleEvent[] = [];
  const stray: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const tagged = parseTagged(line);
    if (tagged === undefined) {
      stray.push(line.trim());
      continue;
    }
    const parsed = AnsibleEvent.safeParse(tagged);
    if (parsed.success) events.push(parsed.data); // an event of a newer callback: ignored
  }
  return { events, stray };
}

function parseTagged(line: string): unknown {
  const text = line.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    const tagged = typeof value === 'object' && value !== null && (value as { blumeops?: unknown }).blumeops === 1;
    return tagged ? value : undefined;
  } catch {
    return undefined;
  }
}

export function summarizeRun(output: string | readonly string[]): RunSummary {
  const { events, stray } = readEvents(output);
  const summary: RunSummary = {
    sawEvents: events.length > 0,
    checkMode: false,
    outcomes: [],
    failed: [],
    unreachable: [],
    warnings: strayWarnings(stray),
    stats: null,
  };
  const diffs = new Map<string, DiffEvent[]>();
  const handlers = new Set<string>();
  const seen = new Map<string, number>();
  for (const event of events) {
    switch (event.event) {
      case 'play_start':
        summary.checkMode ||= event.check_mode;
        break;
      case 'task_start':
        if (event.handler) handlers.add(event.uuid);
        break;
      case 'no_hosts_matched':
        summary.warnings.push(event.play ? `play "${event.play}": no hosts matched` : 'a play matched no hosts');
        break;
      case 'diff': {
        const key = `${event.host}\0${event.uuid}`;
        diffs.set(key, [...(diffs.get(key) ?? []), event]);
        break;
      }
      case 'result': {
        const key = `${event.host}\0${event.uuid}`;
        const named = `${event.host}\0${event.task}`;
        const occurrence = (seen.get(named) ?? 0) + 1;
        seen.set(named, occurrence);
        summary.outcomes.push({ ...outcomeOf(event, diffs.get(key) ?? [], handlers.has(event.uuid)), occurrence });
        diffs.delete(key);
        recordProblems(event, summary);
        break;
      }
      case 'stats':
        summary.stats = event.hosts;
        break;
      default:
        break;
    }
  }
  return summary;
}

/** Stray lines as warnings: at most 10, each cut at 300 characters (the run log has them all). */
const MAX_STRAY_LINES = 10;
const MAX_STRAY_LENGTH = 300;

function strayWarnings(stray: readonly string[]): string[] {
  const shown = stray.slice(0, MAX_STRAY_LINES).map((line) => (line.length > MAX_STRAY_LENGTH ? `${line.slice(0, MAX_STRAY_LENGTH)}… (${line.length} characters)` : line));
  if (stray.length > MAX_STRAY_LINES) shown.push(`… and ${stray.length - MAX_STRAY_LINES} more lines that were not events (see the run log)`);
  return shown;
}

function outcomeOf(event: ResultEvent, diffs: DiffEvent[], handler: boolean): TaskOutcome {
  return {
    host: event.host,
    task: event.task,
    action: event.action,
    uuid: event.uuid,
    status: event.status,
    handler,
    diffs: event.status === 'changed' ? diffs : [],
    checkModeSkip: Boolean(event.check_mode_skip) || (event.check_mode_skip_items ?? 0) > 0,
    msg: event.msg,
  };
}

function recordProblems(event: ResultEvent, summary: RunSummary): void {
  for (const warning of event.warnings ?? []) summary.warnings.push(`${event.host}: ${event.task}: ${warning}`);
  if (event.status !== 'failed' && event.status !== 'unreachable') return;
  const failure: HostFailure = {
    host: event.host,
    task: event.task,
    message: event.msg ?? (event.status === 'unreachable' ? 'unreachable' : 'failed'),
  };
  if (event.rc !== undefined) failure.rc = event.rc;
  const stderr = event.stderr ?? event.module_stderr;
  if (stderr) failure.stderr = stderr;
  if (event.status === 'unreachable') summary.unreachable.push(failure);
  else if (event.ignore_errors) summary.warnings.push(`${event.host}: task "${event.task}" failed (ignored): ${failure.message}`);
  else summary.failed.push(failure);
}
