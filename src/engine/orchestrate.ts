import type { LayerConfig } from '../config/load.js';
import { dependencyOrder } from './graph.js';
import { Limiter } from '../limit.js';
import type { LayerOutcome } from './outcome.js';
import type { Reporter } from './reporter.js';
import { applyLayer, blankOutcome, planLayer } from './run-layer.js';
import type { RunSession } from './session.js';

/** Plans the selected layers concurrently (read-only, so order does not matter). */
export async function planLayers(session: RunSession, layers: readonly LayerConfig[], reporter: Reporter): Promise<LayerOutcome[]> {
  const slots = new Limiter(session.options.concurrency);
  return Promise.all(
    layers.map((layer) =>
      slots.run(async () => {
        if (session.tracker.interrupted) return skipped(layer, 'interrupted before it started');
        return planLayer(session, layer, reporter);
      }),
    ),
  );
}

/**
 * Applies planned layers in dependency order, independent layers concurrently. A layer whose
 * (selected) dependency did not succeed is skipped with the reason; in-sync layers do not run the tool.
 */
export async function applyLayers(
  session: RunSession,
  planned: readonly { layer: LayerConfig; outcome: LayerOutcome }[],
  reporter: Reporter,
  onFinished: (outcome: LayerOutcome) => void,
): Promise<LayerOutcome[]> {
  const byName = new Map(planned.map((entry) => [entry.layer.name, entry]));
  const ordered = dependencyOrder(planned.map((entry) => entry.layer));
  const done = new Map<string, Promise<LayerOutcome>>();
  const slots = new Limiter(session.options.concurrency);

  for (const layer of ordered) {
    const entry = byName.get(layer.name)!;
    done.set(
      layer.name,
      (async () => {
        const needs = await Promise.all(layer.needs.filter((need) => done.has(need)).map((need) => done.get(need)!));
        const blocker = needs.find((need) => !['applied', 'in-sync'].includes(need.status));
        let outcome: LayerOutcome;
        if (entry.outcome.status === 'failed' || entry.outcome.status === 'interrupted') outcome = entry.outcome;
        else if (blocker) outcome = skipped(layer, `needs ${blocker.name}, which ${blocker.status === 'skipped' ? 'was skipped' : blocker.status === 'interrupted' ? 'was interrupted' : 'failed'}`);
        else if (entry.outcome.status === 'in-sync') outcome = entry.outcome;
        else {
          outcome = await slots.run(() =>
            session.tracker.interrupted ? Promise.resolve(skipped(layer, 'interrupted before it started')) : applyLayer(session, layer, entry.outcome.plan!, reporter),
          );
        }
        onFinished(outcome);
        return outcome;
      })(),
    );
  }
  const results = await Promise.all([...done.values()]);
  const order = new Map(planned.map((entry, index) => [entry.layer.name, index]));
  return results.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
}

export function skipped(layer: LayerConfig, reason: string): LayerOutcome {
  return { ...blankOutcome(layer), status: 'skipped', reason };
}
