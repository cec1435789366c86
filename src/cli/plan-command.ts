import { exitCodeFor } from '../engine/request.js';
import { runPlan } from '../engine/plan-run.js';
import { printJson } from '../output/json.js';
import { planMarkdown } from '../output/plan-markdown.js';
import { printDocument } from '../output/terminal.js';
import { planRequest, rendererFor, runDocument, type RunInvocation } from './run-support.js';

/** `blumeops plan [layer…]` and the kinds' plan verbs: read-only, no lock, concurrent. */
export async function planCommand(invocation: RunInvocation): Promise<number> {
  const renderer = await rendererFor(invocation.flags);
  const result = await runPlan(planRequest(invocation), renderer);
  const exitCode = exitCodeFor(result, invocation.flags.detailedExitcode, 'planned');
  if (invocation.flags.json) printJson(runDocument(result, exitCode));
  if (invocation.flags.format === 'markdown') printDocument(planMarkdown(result.outcomes, { commit: result.repo.commit, notices: result.notices }));
  return exitCode;
}
