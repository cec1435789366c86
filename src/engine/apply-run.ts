import type { LayerConfig } from '../config/load.js';
import { BlumeopsError } from '../errors.js';
import { acquireLock, describeHolder, type HeldLock } from '../state/lock.js';
import { withInterrupts, type Interrupts } from './interrupts.js';
import { layerDirtyFiles, plural, selectionNotices } from './notices.js';
import { applyLayers, planLayers } from './orchestrate.js';
import type { LayerOutcome } from './outcome.js';
import { Recorder } from './record.js';
import { runReport, type ApplyRequest, type Confirm, type RunReport, type RunView } from './request.js';
import { sessionOptions } from './session-options.js';
import { withSession } from './session.js';
import { selectLayers, withWorkspace, type Workspace } from './workspace.js';

/**
 * The one apply transaction, for `apply`, the kinds' apply verbs, `rollback` and `watch --apply`:
 * lock → dirty check → plan → confirm → apply in dependency order → ledger → unlock. Interrupt handling
 * comes first and goes last; the lock is released only after every layer has finished and its ledger
 * line is written (or failed to be). `confirm` is absent when there is no one to ask.
 */
export async function runApply(request: ApplyRequest, view: RunView, confirm?: Confirm): Promise<RunReport> {
  return withInterrupts(
    (message) => view.warn(message),
    (interrupts) =>
      withWorkspace(request, interrupts.signal, async (workspace) => {
        const layers = selectLayers(workspace.config, request.layers, request.expect);
        if (!request.yes && !confirm) {
          throw new BlumeopsError('refusing to apply without confirmation: there is no terminal to ask', {
            hint: 'pass --yes to apply without asking (see the plan first with `blumeops plan`)',
          });
        }
        interrupts.check();
        const lock = acquireLock(workspace.repo.gitDir, request.commandLine);
        try {
          return await applyUnderLock({ request, view, confirm, workspace, interrupts, layers, lock });
        } finally {
          lock.release();
        }
      }),
  );
}

interface Locked {
  request: ApplyRequest;
  view: RunView;
  confirm?: Confirm;
  workspace: Workspace;
  interrupts: Interrupts;
  layers: LayerConfig[];
  lock: HeldLock;
}

async function applyUnderLock({ request, view, confirm, workspace, interrupts, layers, lock }: Locked): Promise<RunReport> {
  const notices = selectionNotices(layers);
  if (lock.takenOver) notices.push(`took over a stale lock left by ${describeHolder(lock.takenOver)} (that process is gone)`);
  const dirty = await layerDirtyFiles(workspace, layers);
  if (dirty.length > 0 && !request.allowDirty) {
    throw new BlumeopsError(`uncommitted changes in the selected layers' paths:\n  ${dirty.join('\n  ')}`, {
      hint: 'commit them (blumeops applies what is committed), or pass --allow-dirty to apply the working tree',
    });
  }
  if (dirty.length > 0) notices.push(`applying ${plural(dirty.length, 'uncommitted change')} (--allow-dirty; recorded as dirty)`);
  for (const notice of notices) view.notice(notice);
  interrupts.check();

  return withSession(workspace, interrupts, sessionOptions(request, 'review'), async (session) => {
    const recorder = await Recorder.create(workspace, session.runId, request, dirty.length > 0);
    view.begin(layers, 'plan');
    const planned = await planLayers(session, layers, view);
    await view.end();
    view.outcomes(planned, 'plan');

    const toApply = planned.filter((outcome) => outcome.status === 'changes');
    let outcomes: LayerOutcome[] = planned;
    if (toApply.length === 0 || interrupts.interrupted) {
      for (const outcome of planned) recorder.record(outcome);
    } else if (request.yes || (await confirm!(`Apply ${toApply.length === 1 ? 'these changes' : `changes to ${toApply.length} layers`}?`))) {
      session.markApply(toApply.map((outcome) => outcome.name));
      view.begin(layers.filter((layer) => toApply.some((outcome) => outcome.name === layer.name)), 'apply');
      const entries = layers.map((layer, index) => ({ layer, outcome: planned[index] }));
      outcomes = await applyLayers(session, entries, view, (outcome) => recorder.record(outcome));
      await view.end();
      view.outcomes(outcomes, 'apply');
    } else {
      view.say('Nothing applied.');
    }
    for (const notice of recorder.notices) view.notice(notice);
    const problems = recorder.failures.map((failure) => `could not write the ledger for ${failure}`);
    for (const problem of problems) view.warn(problem);
    return runReport(workspace, {
      command: request.command,
      runId: session.runId,
      outcomes,
      notices: [...notices, ...recorder.notices],
      dirty: dirty.length > 0,
      reasons: [],
      problems,
      interrupted: interrupts.interrupted,
    });
  });
}
