/** How a tool call ended, for counters: it exited as expected, it failed (exit code, signal, timeout, missing), or it was interrupted. */
export type ToolRunResult = 'ok' | 'failed' | 'interrupted';

export type ToolRunListener = (tool: string, result: ToolRunResult, durationMs: number) => void;

const listeners = new Set<ToolRunListener>();

/**
 * Tells `listener` about every tool call the gateway finishes in this process (a long-running
 * `watch --listen` counts them for its metrics). Returns the function that stops listening.
 */
export function onToolRun(listener: ToolRunListener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Reports a finished call; a listener that throws never breaks the call it observes. */
export function toolRunFinished(tool: string, result: ToolRunResult, durationMs: number): void {
  for (const listener of listeners) {
    try {
      listener(tool, result, durationMs);
    } catch {
      // An observer's bug is not the tool's failure.
    }
  }
}
