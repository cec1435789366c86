import { execa } from 'execa';
import { signalGroup } from './processes.js';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** True when `timeoutMs` ran out and the command was killed (its exitCode is then -1). */
  timedOut?: boolean;
  /** True when `signal` aborted and the command was asked to stop. */
  interrupted?: boolean;
}

export interface CommandOptions {
  /** Stop the command (its whole process group) after this long. */
  timeoutMs?: number;
  /** The command's interruption: SIGINT to the command when it aborts. */
  signal?: AbortSignal;
  /** Extra environment (added to blumeops' own). */
  env?: Record<string, string>;
}

/** Grace between SIGTERM and SIGKILL for a command that ran out of time. */
const KILL_GRACE_MS = 1000;

/**
 * Runs a short helper command (git, a doctor probe) and captures its output. Not for layer tools:
 * those go through the layer gateway, which logs, redacts, times out and forwards signals.
 *
 * With `timeoutMs`, the command runs in its own process group (so it cannot prompt on the terminal,
 * and a Ctrl-C there does not reach it: `signal` does) and the whole group is stopped when the time
 * runs out: a `git ls-remote` waiting on ssh must not keep its pipes open after git is gone.
 */
export async function runCommand(file: string, args: readonly string[], cwd: string, options: CommandOptions = {}): Promise<CommandResult> {
  const ownGroup = options.timeoutMs !== undefined;
  const child = execa(file, args, { cwd, reject: false, stdin: 'ignore', stripFinalNewline: true, detached: ownGroup, env: options.env });
  const stop = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    if (ownGroup) signalGroup(child.pid, signal);
    else child.kill(signal);
  };
  let timedOut = false;
  let interrupted = false;
  const timer = ownGroup
    ? setTimeout(() => {
        timedOut = true;
        stop('SIGTERM');
        setTimeout(() => stop('SIGKILL'), KILL_GRACE_MS).unref();
      }, options.timeoutMs)
    : undefined;
  const onAbort = () => {
    interrupted = true;
    stop('SIGINT');
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const result = await child;
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  const exitCode = !timedOut && typeof result.exitCode === 'number' ? result.exitCode : -1;
  return { exitCode, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), timedOut, interrupted };
}
