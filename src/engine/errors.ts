import { BlumeopsError, InterruptedError, ToolError } from '../errors.js';
import type { LayerError } from './outcome.js';

/** A thrown error as the layer's result: user errors keep their hint; anything else is a bug, said so. */
export function toLayerError(error: unknown, logPath?: string): LayerError {
  if (error instanceof ToolError) {
    return { message: error.message, hint: error.hint, tool: error.tool, exitCode: error.toolExitCode, log: error.logPath ?? logPath, tail: error.tail, reason: error.reason };
  }
  if (error instanceof BlumeopsError) {
    return { message: error.message, hint: error.hint, location: error.location, log: logPath, reason: error.reason };
  }
  const bug = error instanceof Error ? error : new Error(String(error));
  return {
    message: `internal error: ${bug.message}`,
    hint: `this is a bug in blumeops; the stack trace is in ${logPath ?? 'the run log'}`,
    log: logPath,
    tail: bug.stack,
  };
}

export function isInterruption(error: unknown): boolean {
  return error instanceof InterruptedError;
}
