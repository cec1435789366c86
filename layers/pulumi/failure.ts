/**
 * Why pulumi exited non-zero, in words an operator can act on. Exit codes differ by era (all 255
 * up to v3.225; 1–9 from v3.226, docs/tools/pulumi.md), so stderr is read as well as the code.
 */
import { InterruptedError, ToolError, type BlindReason } from '../../src/errors.js';
import type { ToolResult } from '../../src/reconciler.js';

/** Exit codes this kind explains itself (any other reaches the exec gateway's own error). */
export const EXPLAINED_EXIT_CODES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 255];

const TAIL_LINES = 20;
const STACK_MISSING = /no stack named '[^']*' found/;
const LOCKED = /the stack is currently locked by \d+ lock/;
/** `…json: created by user@host (pid 123) at 2026-…` (diy backends name the holder). */
const LOCK_HOLDER = /: created by (\S+) \(pid (\d+)\)/;
// Not a bare 401: a provider's own API (tailscale) answering 401 is not a pulumi login problem.
const LOGIN = /PULUMI_ACCESS_TOKEN|not logged in|pulumi login|problem logging in|invalid access token/i;

/** The `error: …` lines pulumi printed on stderr (else its last line). */
export function stderrErrors(stderr: string): string[] {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const errors = lines.filter((line) => line.startsWith('error: ')).map((line) => line.slice('error: '.length));
  return errors.length > 0 ? errors : lines.slice(-1);
}

/** A ToolError with the tail of stderr (stdout is JSON; the log holds it whole). */
export function toolError(result: ToolResult, message: string, hint?: string, reason?: BlindReason): ToolError {
  const tail = result.stderr.trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
  return new ToolError({ tool: 'pulumi', message, exitCode: result.exitCode, tail, logPath: result.logPath, hint, reason });
}

/** `TITLE: line` for one line, else TITLE and the lines indented below it. */
export function describeFailure(title: string, lines: readonly string[]): string {
  return lines.length === 1 ? `${title}: ${lines[0]}` : [`${title}:`, ...lines.map((line) => `  ${line}`)].join('\n');
}

function withFirstError(message: string, stderr: string): string {
  const [first] = stderrErrors(stderr);
  return first ? `${message}: ${first}` : message;
}

/**
 * The failures preview and up share, recognised before their output is read: a missing stack, a
 * missing passphrase, no login, a cancellation. Undefined when the exit is none of these.
 */
export function knownFailure(result: ToolResult, operation: 'preview' | 'update', stack: string, cwd: string): Error | undefined {
  const { exitCode, stderr } = result;
  if (exitCode === 6 || STACK_MISSING.test(stderr)) {
    return toolError(
      result,
      `pulumi stack '${stack}' does not exist for the project in ${cwd}`,
      `if the stack lives in another backend, log in to it (pulumi whoami -v shows the current one, PULUMI_BACKEND_URL in the layer's env: picks one); if it is new, create it once: pulumi stack init ${stack} --cwd ${cwd}; or fix stack: in blumeops.yaml`,
    );
  }
  const lock = LOCKED.exec(stderr);
  if (lock) {
    const holder = LOCK_HOLDER.exec(stderr);
    return toolError(
      result,
      `pulumi stack '${stack}' is locked by another pulumi process${holder ? ` (${holder[1]}, pid ${holder[2]})` : ''}`,
      `wait for it to finish and run again; if no pulumi is running any more, remove its lock with: pulumi cancel --stack ${stack} --cwd ${cwd}`,
    );
  }
  if (/passphrase must be set/i.test(stderr)) {
    return toolError(result, "pulumi needs the passphrase of the stack's secrets", "set PULUMI_CONFIG_PASSPHRASE in the layer's env: in blumeops.yaml (an op:// reference keeps it in 1Password)");
  }
  if (/incorrect passphrase/i.test(stderr)) {
    return toolError(result, 'pulumi rejected the secrets passphrase', "check PULUMI_CONFIG_PASSPHRASE in the layer's env: in blumeops.yaml");
  }
  if (exitCode === 3 || LOGIN.test(stderr)) {
    return toolError(result, withFirstError('pulumi is not logged in to its backend', stderr), "run pulumi login, or set PULUMI_BACKEND_URL (e.g. file://~) or PULUMI_ACCESS_TOKEN in the layer's env:", 'not-signed-in');
  }
  if (exitCode === 8 || new RegExp(`\\b${operation} cancell?ed\\b`).test(stderr)) {
    return new InterruptedError(`${operation} cancelled`);
  }
  return undefined;
}

/** Any other non-zero exit: pulumi's own `error:` line, the exit code and the log. */
export function genericFailure(result: ToolResult, command: 'preview' | 'up'): ToolError {
  return toolError(result, withFirstError(`pulumi ${command} failed (exit ${result.exitCode})`, result.stderr));
}
