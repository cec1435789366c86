/** `blumeops check <layer>`: `--syntax-check` (fast), then `--check --diff` read through our callback. */
import type { LayerContext, Plan } from '../../src/reconciler.js';
import { callbackDir } from './callback.js';
import { failureOf, MAPPED_EXIT_CODES } from './failures.js';
import { ansibleEnv, playbookArgs } from './invocation.js';
import { summarizeRun } from './parse.js';
import { progressReporter } from './progress.js';
import { notCheckedPlan, planFromRun } from './results.js';
import type { AnsibleConfig } from './schema.js';
import { stderrWarnings } from './stderr.js';

const TOOL = 'ansible-playbook';

export async function planAnsible(ctx: LayerContext<AnsibleConfig>): Promise<Plan> {
  const env = ansibleEnv(callbackDir());
  const syntax = await ctx.run(TOOL, playbookArgs(ctx.config, ctx.extraArgs, 'syntax-check'), {
    cwd: ctx.dir,
    env,
    okExitCodes: MAPPED_EXIT_CODES,
  });
  const syntaxError = failureOf(syntax, summarizeRun(''), ctx.dir);
  if (syntaxError) throw syntaxError;
  if (!ctx.config.check) return notCheckedPlan();

  ctx.emit({ type: 'progress', message: 'ansible-playbook --check --diff' });
  const result = await ctx.run(TOOL, playbookArgs(ctx.config, ctx.extraArgs, 'check'), {
    cwd: ctx.dir,
    env,
    okExitCodes: MAPPED_EXIT_CODES,
    onLine: progressReporter(ctx.emit, 'check'),
  });
  const run = summarizeRun(result.stdout);
  const error = failureOf(result, run, ctx.dir);
  if (error) throw error;
  return planFromRun(run, stderrWarnings(result.stderr));
}
