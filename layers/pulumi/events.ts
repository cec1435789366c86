/**
 * The `pulumi up --json` event stream (docs/tools/pulumi.md), read one line at a time so apply can
 * show each resource as it starts and ends. Pure: the caller feeds lines and emits the notices.
 */
import type { Change, LayerEvent } from '../../src/reconciler.js';
import { cleanMessage, splitDiagnostics, type DiagnosticLike } from './diagnostics.js';
import { EngineEvent, type StepEventMetadata } from './schema.js';
import { changeAction, foldSteps, fromEventMetadata, isUnknownOp, type StepView } from './steps.js';
import { resourceLabel } from './urn.js';

export interface UpSummary {
  /** Pulumi's count per op, e.g. `{ create: 1, same: 3 }`. */
  resourceChanges: Record<string, number>;
  /** `succeeded`, `failed` or `canceled` (recent pulumi only). */
  result?: string;
  durationSeconds?: number;
}

export interface UpFailure {
  target: string;
  /** `could not update TYPE NAME: message`. */
  message: string;
}

export interface UpOutcome {
  /** What was changed (resOutputsEvent of a change op), replacement steps folded per URN. */
  changes: Change[];
  failures: UpFailure[];
  /** Error diagnostics not tied to a failed resource. */
  errors: string[];
  warnings: string[];
  /** The program's own output (stdoutEvent). */
  output: string[];
  summary?: UpSummary;
  /** Pulumi cancelled the update (SIGINT/SIGTERM): `result: canceled` or its `^C received` message. */
  cancelled: boolean;
  /** The closing cancelEvent arrived: the stream is complete. */
  ended: boolean;
}

/** The accumulator; create it with startUpStream. */
export interface UpStream {
  inDigest: boolean;
  applied: StepView[];
  failed: StepView[];
  diagnostics: DiagnosticLike[];
  output: string[];
  stray: string[];
  warnings: string[];
  summary?: UpSummary;
  cancelled: boolean;
  ended: boolean;
}

export function startUpStream(): UpStream {
  return { inDigest: false, applied: [], failed: [], diagnostics: [], output: [], stray: [], warnings: [], cancelled: false, ended: false };
}

/** [doing, done, to do] per change op. */
const WORDS: Record<string, [string, string, string]> = {
  create: ['creating', 'created', 'create'],
  import: ['importing', 'imported', 'import'],
  update: ['updating', 'updated', 'update'],
  delete: ['deleting', 'deleted', 'delete'],
  replace: ['replacing', 'replaced', 'replace'],
  'create-replacement': ['creating replacement for', 'created replacement for', 'create replacement for'],
  'import-replacement': ['importing replacement for', 'imported replacement for', 'import replacement for'],
  'delete-replaced': ['deleting original of', 'deleted original of', 'delete original of'],
};
/** Parts of a replacement: shown as progress; the `replace` step itself is the line worth keeping. */
const PARTIAL = new Set(['create-replacement', 'import-replacement', 'delete-replaced']);
const CANCELLING = /^\s*(\^C|SIGTERM) received; cancelling/;
const GENERIC_FAILURE = /^(update|refresh|destroy) failed$/;

function words(op: string): [string, string, string] {
  return WORDS[op] ?? [op, op, op];
}

function label(metadata: StepEventMetadata): string {
  return resourceLabel(metadata.urn, metadata.new?.type ?? metadata.old?.type ?? metadata.type);
}

function stepEvent(stream: UpStream, metadata: StepEventMetadata, phase: 'pre' | 'outputs' | 'failed'): LayerEvent | undefined {
  const [doing, done, toDo] = words(metadata.op);
  if (phase === 'failed') {
    stream.failed.push(fromEventMetadata(metadata));
    return { type: 'info', message: `failed to ${toDo} ${label(metadata)}` };
  }
  if (!changeAction(metadata.op)) {
    if (isUnknownOp(metadata.op) && phase === 'outputs') stream.warnings.push(`pulumi step "${metadata.op}" on ${label(metadata)} is unknown to blumeops; not counted as a change`);
    return undefined;
  }
  if (phase === 'pre') return { type: 'progress', message: `${doing} ${label(metadata)}` };
  stream.applied.push(fromEventMetadata(metadata));
  return { type: PARTIAL.has(metadata.op) ? 'progress' : 'info', message: `${done} ${label(metadata)}` };
}

function handle(stream: UpStream, event: EngineEvent): LayerEvent | undefined {
  if (event.resourcePreEvent && !event.resourcePreEvent.planning) return stepEvent(stream, event.resourcePreEvent.metadata, 'pre');
  if (event.resOutputsEvent && !event.resOutputsEvent.planning) return stepEvent(stream, event.resOutputsEvent.metadata, 'outputs');
  if (event.resOpFailedEvent) return stepEvent(stream, event.resOpFailedEvent.metadata, 'failed');
  if (event.diagnosticEvent) stream.diagnostics.push(event.diagnosticEvent);
  if (event.errorEvent?.error) stream.diagnostics.push({ message: event.errorEvent.error, severity: 'error' });
  if (event.stdoutEvent) {
    const message = cleanMessage(event.stdoutEvent.message);
    if (message !== '') stream.output.push(message);
    if (CANCELLING.test(message)) {
      stream.cancelled = true;
      return { type: 'progress', message: 'cancelling: operations in flight finish first' };
    }
  }
  const summary = event.summaryEvent;
  if (summary && !summary.isPreview) {
    stream.summary = { resourceChanges: summary.resourceChanges ?? {}, result: summary.result ?? undefined, durationSeconds: summary.durationSeconds ?? undefined };
    if (summary.result === 'canceled' || summary.result === 'cancelled') stream.cancelled = true;
    if (summary.maybeCorrupt) stream.warnings.push('pulumi says the stack state may be corrupt (maybeCorrupt)');
  }
  if (event.cancelEvent) stream.ended = true;
  return undefined;
}

function parseLine(text: string): EngineEvent | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed = EngineEvent.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads one line of stdout and returns a notice worth emitting (a resource starts, ends or fails).
 * A pretty preview digest (printed when --skip-preview was left out) is skipped whole; other lines
 * that are not JSON events are kept and reported as warnings.
 */
export function readUpLine(stream: UpStream, line: string): LayerEvent | undefined {
  const text = line.trimEnd();
  if (stream.inDigest) {
    if (text === '}') stream.inDigest = false;
    return undefined;
  }
  if (text === '{') {
    stream.inDigest = true;
    return undefined;
  }
  if (text.trim() === '') return undefined;
  const event = parseLine(text);
  if (!event) {
    stream.stray.push(text);
    return undefined;
  }
  return handle(stream, event);
}

const MAX_STRAY = 5;
/** A stray line is quoted in a warning (terminal, ledger); a multi-megabyte one is cut, the log has it whole. */
const MAX_STRAY_LENGTH = 300;

function quoted(line: string): string {
  return line.length > MAX_STRAY_LENGTH ? `${line.slice(0, MAX_STRAY_LENGTH)}… (${line.length} characters)` : line;
}

export function finishUpStream(stream: UpStream): UpOutcome {
  const failedUrns = new Set(stream.failed.map((step) => step.urn));
  // Pulumi closes a failed update with a bare `update failed` error: the failures say more.
  const own = stream.diagnostics.filter(
    (diagnostic) => !failedUrns.has(diagnostic.urn ?? '') && !(failedUrns.size > 0 && GENERIC_FAILURE.test(cleanMessage(diagnostic.message))),
  );
  const { warnings, errors } = splitDiagnostics(own);
  const failures = stream.failed.map((step) => {
    const messages = stream.diagnostics
      .filter((diagnostic) => diagnostic.urn === step.urn && diagnostic.severity === 'error' && !diagnostic.ephemeral)
      .map((diagnostic) => cleanMessage(diagnostic.message))
      .filter((message) => message !== '');
    const why = messages.length > 0 ? [...new Set(messages)].join('\n') : 'pulumi gave no message';
    return { target: step.urn, message: `could not ${words(step.op)[2]} ${resourceLabel(step.urn, step.type)}: ${why}` };
  });
  const stray = stream.stray.slice(0, MAX_STRAY).map((line) => `pulumi printed a line that is not a JSON event: ${quoted(line)}`);
  if (stream.stray.length > MAX_STRAY) stray.push(`pulumi printed ${stream.stray.length - MAX_STRAY} more lines that are not JSON events`);
  return {
    changes: foldSteps(stream.applied),
    failures,
    errors,
    warnings: [...warnings, ...stream.warnings, ...stray],
    output: stream.output,
    summary: stream.summary,
    cancelled: stream.cancelled,
    ended: stream.ended,
  };
}

/** The whole stream at once (tests, or a gateway that gave no lines as they came). */
export function parseUpEvents(stdout: string | readonly string[]): UpOutcome {
  const stream = startUpStream();
  for (const line of typeof stdout === 'string' ? stdout.split('\n') : stdout) readUpLine(stream, line);
  return finishUpStream(stream);
}
