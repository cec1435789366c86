/**
 * Pure: one finished ansible-playbook run (exit code, stdout, stderr, log) → the Plan, the
 * ApplyResult, or the BlumeopsError a person reads. Whatever the output (cut, garbled, huge), the
 * answer is one of those, never an internal error: the fuzz test in read-run.test.ts holds it.
 */
import { ToolError } from '../../src/errors.js';
import type { ApplyResult, Plan, ToolResult } from '../../src/reconciler.js';
import { failureOf } from './failures.js';
import { summarizeRun, type RunSummary } from './parse.js';
import { applyFromRun, planFromRun, type PlanData } from './results.js';
import { stderrWarnings, tail } from './stderr.js';

/** `dir` is the repo (or worktree) root, to show file paths in errors repo-relative. */
export function planOfRun(result: ToolResult, dir: string): Plan {
  const run = checkedRun(result, dir);
  return planFromRun(run, stderrWarnings(result.stderr));
}

export function applyOfRun(result: ToolResult, dir: string, planData: PlanData | undefined): ApplyResult {
  const run = checkedRun(result, dir);
  return applyFromRun(run, planData, stderrWarnings(result.stderr));
}

function checkedRun(result: ToolResult, dir: string): RunSummary {
  const run = summarizeRun(result.stdout);
  const error = failureOf(result, run, dir);
  if (error) throw error;
  // Our callback prints the recap last; events without it mean the output was cut short.
  if (run.sawEvents && run.stats === null) {
    throw new ToolError({
      tool: 'ansible-playbook',
      message: 'ansible-playbook exited 0, but its output ended before the recap (the stats event): it may have been cut off',
      exitCode: result.exitCode,
      tail: tail(result.stderr || result.stdout),
      logPath: result.logPath,
      hint: `full output: ${result.logPath}`,
    });
  }
  return run;
}
