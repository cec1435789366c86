/**
 * `blumeops preview <layer>`: `pulumi preview --json` and its digest as a Plan. Read-only: preview
 * never writes the stack (with `refresh: true` it refreshes in memory only).
 */
import { BlumeopsError, InterruptedError } from '../../src/errors.js';
import type { LayerContext, Plan } from '../../src/reconciler.js';
import { describeFailure, EXPLAINED_EXIT_CODES, genericFailure, knownFailure, toolError } from './failure.js';
import { parsePreview, type ParsedPreview } from './parse.js';
import { prepareProject } from './prepare.js';
import { commonArgs, projectDir, PULUMI_ENV } from './project.js';
import type { PulumiConfig } from './schema.js';

const EXPECT_NO_CHANGES = /no changes were expected/;

export async function planPulumi(ctx: LayerContext<PulumiConfig>): Promise<Plan> {
  const cwd = await projectDir(ctx);
  await prepareProject(ctx, cwd);
  ctx.emit({ type: 'progress', message: 'previewing' });
  const args = ['preview', '--json', ...commonArgs(ctx.config, cwd), ...ctx.extraArgs];
  // A failed preview still prints its digest, whose error diagnostics say why: read it on any exit.
  const result = await ctx.run('pulumi', args, { env: PULUMI_ENV, okExitCodes: EXPLAINED_EXIT_CODES });
  const failed = result.exitCode !== 0;
  if (failed) {
    const known = knownFailure(result, 'preview', ctx.config.stack, cwd);
    if (known) throw known;
    if (ctx.signal.aborted) throw new InterruptedError('preview cancelled');
  }

  let preview: ParsedPreview;
  try {
    preview = parsePreview(result.stdout);
  } catch (error) {
    if (failed) throw genericFailure(result, 'preview');
    const message = error instanceof BlumeopsError ? error.message : String(error);
    throw toolError(result, message, `pulumi's full output is in ${result.logPath}`);
  }
  if (preview.errors.length > 0) {
    throw toolError(result, describeFailure('pulumi preview failed', preview.errors.map((error) => `error: ${error}`)));
  }
  if (failed) {
    // `-- --expect-no-changes` fails the preview when there are changes; the plan already says so.
    if (!EXPECT_NO_CHANGES.test(result.stderr)) throw genericFailure(result, 'preview');
    return { ...preview.plan, warnings: [...preview.plan.warnings, 'pulumi: no changes were expected but changes were proposed (--expect-no-changes)'] };
  }
  return preview.plan;
}
