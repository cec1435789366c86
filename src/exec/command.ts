import { execa } from 'execa';
import { signalGroup } from './processes.js';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** True when `timeoutMs` ran out and the command was killed (its exitCode is then -1). */
  timedOut?: boolean;
}

/** Grace between SIGTERM and SIGKILL for a command that ran out of time. */
const KILL_GRACE_MS = 1000;

/**
 * Runs a short helper command (git) and captures its output. Not for layer tools: those go through
 * the layer gateway, which logs, redacts, times out and forwards signals.
 *
 * With `timeoutMs`, the command runs in its own process group (so it cannot prompt on the terminal)
 * and the whole group is stopped when the time runs out: a `git ls-remote` waiting on ssh must not
 * keep its pipes open after git is gone.
 */
export async function runCommand(file: string, args: readonly string[], cwd: string, timeoutMs?: number, env?: Record<string, string>): Promise<CommandResult> {
  if (timeoutMs === undefined) {
    const result = await execa(file, args, { cwd, env, reject: false, stdin: 'ignore', stripFinalNewline: true });
    const exitCode = typeof result.exitCode === 'number' ? result.exitCode : -1;
    return { exitCode, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
  }
  const child = execa(file, args, { cwd, env, reject: false, stdin: 'ignore', stripFinalNewline: true, detached: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid === undefined) return;
    const pid = child.pid;
    signalGroup(pid, 'SIGTERM');
    setTimeout(() => signalGroup(pid, 'SIGKILL'), KILL_GRACE_MS).unref();
  }, timeoutMs);
  const result = await child;
  clearTimeout(timer);
  const exitCode = !timedOut && typeof result.exitCode === 'number' ? result.exitCode : -1;
  return { exitCode, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), timedOut };
}
