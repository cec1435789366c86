import { runApply } from '../engine/apply-run.js';
import { exitCodeFor, type RunReport } from '../engine/request.js';
import { runRollback } from '../engine/rollback.js';
import { printJson } from '../output/json.js';
import type { Renderer } from '../output/renderer.js';
import { confirm } from './confirm.js';
import { applyRequest, rendererFor, runDocument, type RunInvocation } from './run-support.js';

/** `blumeops apply [layer…]` and the kinds' apply verbs: the engine's apply transaction, rendered. */
export async function applyCommand(invocation: RunInvocation): Promise<number> {
  const renderer = await rendererFor(invocation.flags);
  return finish(invocation, await runApply(applyRequest(invocation), renderer, askerFor(renderer)));
}

/** `blumeops rollback <layer> [--to COMMIT]`: an apply of an earlier commit, plan shown first. */
export async function rollbackCommand(layer: string, invocation: RunInvocation & { to?: string }): Promise<number> {
  const renderer = await rendererFor(invocation.flags);
  return finish(invocation, await runRollback(layer, invocation.to, applyRequest(invocation), renderer, askerFor(renderer)));
}

function askerFor(renderer: Renderer) {
  return renderer.out.canAsk ? confirm : undefined;
}

function finish(invocation: RunInvocation, result: RunReport): number {
  const exitCode = exitCodeFor(result, invocation.flags.detailedExitcode, 'applied');
  if (invocation.flags.json) printJson(runDocument(result, exitCode));
  return exitCode;
}
