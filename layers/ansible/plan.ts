/** `blumeops check <layer>`: `--syntax-check` (fast), then `--check --diff` read through our callback. */
import type { LayerContext, Plan } from '../../src/reconciler.js';
import { callbackDir } from './callback.js';
import { failureOf, MAPPED_EXIT_CODES } from './failures.js';
import { invocation } from './invocation.js';
import { summarizeRun } from './parse.js';
import { progressReporter } from './progress.js';
import { planOfRun } from './read-run.js';
import { notCheckedPlan } from './results.js';
import type { AnsibleConfig } from './schema.js';

const TOOL = 'ansible-playbook';

export async function planAnsible(ctx: LayerContext<AnsibleConfig>): Promise<Plan> {
  const call = invocation(ctx.config, ctx.dir, callbackDir());
  const syntax = await ctx.run(TOOL, call.args(ctx.extraArgs, 'syntax-check'), {
    cwd: call.cwd,
    env: call.env,
    okExitCodes: MAPPED_EXIT_CODES,
  });
  const syntaxError = failureOf(syntax, summarizeRun(''), ctx.dir);
  if (syntaxError) throw syntaxError;
  if (!ctx.config.check) return notCheckedPlan();

  ctx.emit({ type: 'progress', message: 'ansible-playbook --check --diff' });
  const result = await ctx.run(TOOL, call.args(ctx.extraArgs, 'check'), {
    cwd: call.cwd,
    env: call.env,
    okExitCodes: MAPPED_EXIT_CODES,
    onLine: progressReporter(ctx.emit, 'check'),
  });
  return planOfRun(result, ctx.dir);
}
