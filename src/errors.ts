import type { ApplyResult } from './reconciler.js';

/** Where in a file a user error points. */
export interface ErrorLocation {
  file: string;
  line?: number;
  col?: number;
  keyPath?: string;
}

/**
 * Why a tool could not look at live state — the layer is then `unknown` in `status`, not broken:
 * the tool is not installed, not signed in, a host or server did not answer, a secret could not be read.
 */
export type BlindReason = 'tool-missing' | 'not-signed-in' | 'unreachable' | 'secret-unavailable';

/** The one error class for failures a person can fix: a message, a hint, maybe a location. */
export class BlumeopsError extends Error {
  readonly hint?: string;
  readonly location?: ErrorLocation;
  readonly exitCode: number;
  readonly reason?: BlindReason;

  constructor(message: string, options: { hint?: string; location?: ErrorLocation; exitCode?: number; cause?: unknown; reason?: BlindReason } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BlumeopsError';
    this.hint = options.hint;
    this.location = options.location;
    this.exitCode = options.exitCode ?? 1;
    this.reason = options.reason;
  }
}

/** A tool that ran and failed: its exit code, the last lines it printed, and where its full log is. */
export class ToolError extends BlumeopsError {
  readonly tool: string;
  readonly toolExitCode: number | null;
  readonly tail: string;
  readonly logPath?: string;

  constructor(options: { tool: string; message: string; exitCode: number | null; tail: string; logPath?: string; hint?: string; reason?: BlindReason }) {
    super(options.message, { hint: options.hint, reason: options.reason });
    this.name = 'ToolError';
    this.tool = options.tool;
    this.toolExitCode = options.exitCode;
    this.tail = options.tail;
    this.logPath = options.logPath;
  }
}

/** An apply that failed after changing some things: what it did change travels with the error. */
export class PartialApplyError extends BlumeopsError {
  readonly applied: ApplyResult;

  constructor(message: string, options: { hint?: string; applied: ApplyResult }) {
    super(message, { hint: options.hint });
    this.name = 'PartialApplyError';
    this.applied = options.applied;
  }
}

/** The run was cancelled (Ctrl-C / SIGTERM): not a failure of the layer, but an interruption. */
export class InterruptedError extends BlumeopsError {
  constructor(message = 'interrupted') {
    super(message, { exitCode: 130 });
    this.name = 'InterruptedError';
  }
}

/** Formats `file:line:col: keyPath: message` the way compilers do. */
export function formatLocation(location: ErrorLocation): string {
  let where = location.file;
  if (location.line !== undefined) where += `:${location.line}`;
  if (location.col !== undefined) where += `:${location.col}`;
  return location.keyPath ? `${where}: ${location.keyPath}` : where;
}

export function isUserError(error: unknown): error is BlumeopsError {
  return error instanceof BlumeopsError;
}
