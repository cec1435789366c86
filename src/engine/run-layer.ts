import type { LayerConfig } from '../config/load.js';
import { PartialApplyError } from '../errors.js';
import { emptySummary, summarize, type Plan } from '../reconciler.js';
import { isInterruption, toLayerError } from './errors.js';
import { isInSync, type LayerOutcome, type Phase } from './outcome.js';
import type { Reporter } from './reporter.js';
import type { RunSession } from './session.js';

/** A fresh outcome for a layer, before anything ran. */
export function blankOutcome(layer: LayerConfig): LayerOutcome {
  return { name: layer.name, kind: layer.kind, status: 'in-sync', summary: emptySummary(), changes: [], warnings: [], notes: [], incomplete: false, error: null, durationMs: 0 };
}

/** Plans one layer. A failure is the layer's result, never a crash of the run. */
export async function planLayer(session: RunSession, layer: LayerConfig, reporter: Reporter): Promise<LayerOutcome> {
  return runPhase(session, layer, reporter, 'plan', async (ctx, outcome) => {
    const plan = await layer.reconciler.plan(ctx);
    Object.assign(outcome, fromPlan(plan));
  });
}

/** Applies one layer's plan (the tool is not run when the plan is in sync). */
export async function applyLayer(session: RunSession, layer: LayerConfig, plan: Plan, reporter: Reporter): Promise<LayerOutcome> {
  return runPhase(session, layer, reporter, 'apply', async (ctx, outcome) => {
    const result = await layer.reconciler.apply(ctx, plan);
    outcome.status = 'applied';
    outcome.changes = result.changes;
    outcome.summary = summarize(result.changes);
    outcome.warnings = [...plan.warnings.filter((warning) => !result.warnings.includes(warning)), ...result.warnings];
    outcome.notes = result.notes ?? [];
    outcome.plan = plan;
  });
}

export function fromPlan(plan: Plan): Partial<LayerOutcome> {
  return {
    status: isInSync(plan) ? 'in-sync' : 'changes',
    changes: plan.changes,
    summary: summarize(plan.changes),
    warnings: plan.warnings,
    incomplete: Boolean(plan.incomplete),
    plan,
  };
}

async function runPhase(
  session: RunSession,
  layer: LayerConfig,
  reporter: Reporter,
  phase: Phase,
  body: (ctx: Awaited<ReturnType<RunSession['layerContext']>>, outcome: LayerOutcome) => Promise<void>,
): Promise<LayerOutcome> {
  const outcome = blankOutcome(layer);
  outcome.log = session.logPath(layer.name);
  const started = Date.now();
  reporter.layerStarted(layer.name, phase);
  try {
    const ctx = await session.layerContext(layer, reporter);
    await body(ctx, outcome);
  } catch (error) {
    outcome.status = isInterruption(error) || session.tracker.interrupted ? 'interrupted' : 'failed';
    outcome.error = toLayerError(error, outcome.log);
    if (error instanceof PartialApplyError) {
      outcome.changes = error.applied.changes;
      outcome.summary = summarize(error.applied.changes);
      outcome.warnings = [...outcome.warnings, ...error.applied.warnings];
      outcome.notes = error.applied.notes ?? [];
    }
  }
  outcome.durationMs = Date.now() - started;
  reporter.layerFinished(outcome, phase);
  return outcome;
}
