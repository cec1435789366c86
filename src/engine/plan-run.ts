import { Ledger } from '../state/ledger.js';
import { selectChanged } from './changed.js';
import { withInterrupts } from './interrupts.js';
import { layerDirtyFiles, plural, selectionNotices } from './notices.js';
import { planLayers } from './orchestrate.js';
import { runReport, type PlanRequest, type RunReport, type RunView } from './request.js';
import { sessionOptions } from './session-options.js';
import { withSession } from './session.js';
import { selectLayers, withWorkspace } from './workspace.js';

/** The plan transaction: read-only, no lock, every selected layer planned at once (bounded). */
export async function runPlan(request: PlanRequest, view: RunView): Promise<RunReport> {
  return withInterrupts(
    (message) => view.warn(message),
    (interrupts) =>
      withWorkspace(request, interrupts.signal, async (workspace) => {
        let layers = selectLayers(workspace.config, request.layers, request.expect);
        const notices: string[] = [];
        let reasons: string[] = [];
        if (request.changed) {
          const selection = await selectChanged(workspace, new Ledger(workspace.repo.gitDir).read().entries, layers, request.since);
          layers = selection.layers;
          reasons = selection.reasons;
          for (const reason of reasons) view.say(reason);
          if (layers.length === 0) notices.push('no layer has changed: nothing to plan');
        }
        notices.push(...selectionNotices(layers));
        for (const notice of notices) view.notice(notice);
        interrupts.check();
        // Read-only, so git status runs alongside the tools; its notice comes after the plan.
        const pendingDirty = layerDirtyFiles(workspace, layers);
        pendingDirty.catch(() => undefined);

        return withSession(workspace, interrupts, sessionOptions(request, 'review'), async (session) => {
          view.begin(layers, 'plan');
          const outcomes = await planLayers(session, layers, view);
          await view.end();
          view.outcomes(outcomes, 'plan');
          const dirty = await pendingDirty;
          if (dirty.length > 0) {
            const notice = `this plan includes ${plural(dirty.length, 'uncommitted change')} (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''})`;
            notices.push(notice);
            view.notice(notice);
          }
          return runReport(workspace, {
            command: request.command,
            runId: session.runId,
            outcomes,
            notices,
            dirty: dirty.length > 0,
            reasons,
            problems: [],
            interrupted: interrupts.interrupted,
          });
        });
      }),
  );
}
