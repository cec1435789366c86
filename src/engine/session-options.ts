import type { RunRequest } from './request.js';
import type { SessionOptions } from './session.js';

/** A session's options from what the operator asked. */
export function sessionOptions(request: RunRequest, retention: SessionOptions['retention']): SessionOptions {
  return {
    verbose: request.verbose,
    extraArgs: request.extraArgs,
    targets: request.targets,
    kindOptions: request.kindOptions,
    concurrency: request.concurrency,
    retention,
  };
}

/** A read-only session's options (status, context, watch): no targets, no tool arguments. */
export function readOptions(concurrency: number): SessionOptions {
  return { verbose: false, extraArgs: [], targets: [], kindOptions: {}, concurrency, retention: 'read' };
}
