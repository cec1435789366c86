/**
 * `blumeops provision <layer>`: the plan's invocation without `--check` (still `--diff`). Ansible is
 * idempotent, so it runs even when the plan was incomplete; what changed is compared with the plan.
 */
import type { ApplyResult, LayerContext, Plan } from '../../src/reconciler.js';
import { callbackDir } from './callback.js';
import { failureOf, MAPPED_EXIT_CODES } from './failures.js';
import { ansibleEnv, playbookArgs } from './invocation.js';
import { summarizeRun } from './parse.js';
import { progressReporter } from './progress.js';
import { applyFromRun, readPlanData } from './results.js';
import type { AnsibleConfig } from './schema.js';
import { stderrWarnings } from './stderr.js';

export async function applyAnsible(ctx: LayerContext<AnsibleConfig>, plan: Plan): Promise<ApplyResult> {
  const result = await ctx.run('ansible-playbook', playbookArgs(ctx.config, ctx.extraArgs, 'apply'), {
    cwd: ctx.dir,
    env: ansibleEnv(callbackDir()),
    okExitCodes: MAPPED_EXIT_CODES,
    onLine: progressReporter(ctx.emit, 'apply'),
  });
  const run = summarizeRun(result.stdout);
  const error = failureOf(result, run, ctx.dir);
  if (error) throw error;
  return applyFromRun(run, readPlanData(plan.data), stderrWarnings(result.stderr));
}
