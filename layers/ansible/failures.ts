/**
 * Pure: ansible-playbook's exit code (docs/tools/ansible.md) + what it printed → the error a person reads.
 *   0 ok · 1 AnsibleError (`ERROR! …`) · 2 a task failed, or argparse rejected the command line
 *   4 a host unreachable, or the playbook did not parse · 99 interrupted (SIGINT)
 * Other codes never get here: the exec gateway throws ToolError for them.
 */
import { BlumeopsError, InterruptedError, ToolError } from '../../src/errors.js';
import type { ToolResult } from '../../src/reconciler.js';
import type { HostFailure, RunSummary } from './parse.js';
import { ansibleError, errorLocation, offendingLines, tail, usageError, yamlProblem } from './stderr.js';

/** The exit codes plan and apply map themselves (passed as okExitCodes). */
export const MAPPED_EXIT_CODES = [1, 2, 4, 99];

const TOOL = 'ansible-playbook';

/** The error for a finished run, or undefined when it succeeded. `dir` makes file paths repo-relative. */
export function failureOf(result: ToolResult, run: RunSummary, dir: string): BlumeopsError | undefined {
  const full = `full output: ${result.logPath}`;
  switch (result.exitCode) {
    case 0:
      return undefined;
    case 99:
      return new InterruptedError(`${TOOL} was interrupted`);
    case 4:
      if (run.unreachable.length > 0) return hostsError(result, [...run.unreachable, ...run.failed], run, full);
      return parseError(result, dir, full);
    case 2:
      if (run.failed.length > 0) return hostsError(result, run.failed, run, full);
      if (!run.sawEvents) return usage(result, full);
      return toolError(result, `${TOOL} failed`, full);
    case 1:
      return toolError(result, `${TOOL}: ${ansibleError(result.stderr) ?? 'failed'}`, hintForError(result.stderr, full));
    default:
      return toolError(result, `${TOOL} exited with code ${result.exitCode}`, full);
  }
}

/** `indri: task "install caddy" failed: non-zero return code` / `indri: unreachable: Failed to connect…` */
export function describeFailure(failure: HostFailure, unreachable: boolean): string {
  if (unreachable) return `${failure.host}: unreachable (task "${failure.task}"): ${failure.message}`;
  return `${failure.host}: task "${failure.task}" failed: ${failure.message}`;
}

function hostsError(result: ToolResult, failures: HostFailure[], run: RunSummary, full: string): ToolError {
  const lines = failures.map((failure) => describeFailure(failure, run.unreachable.includes(failure)));
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more)` : '';
  const hint: string[] = [];
  if (lines.length > 1) hint.push(...lines);
  const first = failures[0];
  if (first.rc !== undefined && first.rc !== null) hint.push(`rc=${first.rc}`);
  if (first.stderr) hint.push(`stderr: ${tail(first.stderr, 10)}`);
  if (run.unreachable.length > 0) {
    hint.push('check that the host is up and reachable (ansible_host, ansible_port, ansible_user in the inventory)');
  }
  hint.push(full);
  return new ToolError({
    tool: TOOL,
    message: `${lines[0]}${more}`,
    exitCode: result.exitCode,
    tail: first.stderr ?? tail(result.stderr),
    logPath: result.logPath,
    hint: hint.join('\n'),
    reason: run.unreachable.length > 0 && run.failed.length === 0 ? 'unreachable' : undefined,
  });
}

/** `ansible could not parse ansible/playbooks/indri.yml:6:6: YAML syntax error: did not find expected '-' indicator` */
function parseError(result: ToolResult, dir: string, full: string): BlumeopsError {
  const location = errorLocation(result.stderr, dir);
  const yaml = yamlProblem(result.stderr);
  const message = yaml ? `YAML syntax error: ${yaml}` : (ansibleError(result.stderr) ?? 'the playbook could not be parsed');
  const where = location ? `${location.file}:${location.line}:${location.col}` : 'the playbook';
  const snippet = offendingLines(result.stderr);
  return new BlumeopsError(`ansible could not parse ${where}: ${message}`, {
    location,
    hint: snippet ? `${snippet}\n${full}` : full,
  });
}

function usage(result: ToolResult, full: string): ToolError {
  const reason = usageError(result.stderr) ?? tail(result.stderr, 3);
  return toolError(
    result,
    `${TOOL} rejected its arguments: ${reason}`,
    `arguments after \`--\` go to ${TOOL} unchanged; see \`${TOOL} --help\`\n${full}`,
  );
}

function hintForError(stderr: string, full: string): string {
  if (/no hosts to target/.test(stderr)) return `check the layer's \`limit\` and its inventory\n${full}`;
  if (/could not be found/.test(stderr)) return `paths in blumeops.yaml are relative to the repo root\n${full}`;
  if (/Invalid callback for stdout/.test(stderr)) return `blumeops could not load its ansible callback plugin\n${full}`;
  return full;
}

function toolError(result: ToolResult, message: string, hint: string): ToolError {
  return new ToolError({ tool: TOOL, message, exitCode: result.exitCode, tail: tail(result.stderr), logPath: result.logPath, hint });
}
