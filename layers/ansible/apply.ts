/**
 * `blumeops provision <layer>`: the plan's invocation without `--check` (still `--diff`). Ansible is
 * idempotent, so it runs even when the plan was incomplete; what changed is compared with the plan.
 */
import type { ApplyResult, LayerContext, Plan } from '../../src/reconciler.js';
import { callbackDir } from './callback.js';
import { MAPPED_EXIT_CODES } from './failures.js';
import { invocation } from './invocation.js';
import { progressReporter } from './progress.js';
import { applyOfRun } from './read-run.js';
import { readPlanData } from './results.js';
import type { AnsibleConfig } from './schema.js';

export async function applyAnsible(ctx: LayerContext<AnsibleConfig>, plan: Plan): Promise<ApplyResult> {
  const call = invocation(ctx.config, ctx.dir, callbackDir());
  const result = await ctx.run('ansible-playbook', call.args(ctx.extraArgs, 'apply'), {
    cwd: call.cwd,
    env: call.env,
    okExitCodes: MAPPED_EXIT_CODES,
    onLine: progressReporter(ctx.emit, 'apply'),
  });
  return applyOfRun(result, ctx.dir, readPlanData(plan.data));
}
