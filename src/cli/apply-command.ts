import { BlumeopsError } from '../errors.js';
import { applyLayers, planLayers } from '../engine/orchestrate.js';
import type { LayerOutcome } from '../engine/outcome.js';
import { commitSubject } from '../git/git.js';
import { printJson } from '../output/json.js';
import { acquireLock, describeHolder } from '../state/lock.js';
import { confirm } from './confirm.js';
import { recordOutcome, type RecordContext } from './record.js';
import { exitCodeFor, handleInterrupts, layerDirtyFiles, newSession, rendererFor, runDocument, selectionNotices, type RunRequest } from './run-support.js';
import { openWorkspace, selectLayers } from './workspace.js';

/** `blumeops apply [layer…]` and the kinds' apply verbs: lock, plan, confirm, apply in order, record. */
export async function applyCommand(request: RunRequest): Promise<number> {
  const { flags } = request;
  const renderer = await rendererFor(flags);
  const workspace = await openWorkspace(flags);
  let lock: ReturnType<typeof acquireLock> | undefined;
  const session = newSession(workspace, request);
  const stopHandling = handleInterrupts(session, renderer);
  try {
    const layers = selectLayers(workspace.config, request.layers, request.expect);
    if (!flags.yes && !(renderer.interactive && process.stdin.isTTY)) {
      throw new BlumeopsError('refusing to apply without confirmation: there is no terminal to ask', {
        hint: 'pass --yes to apply without asking (see the plan first with `blumeops plan`)',
      });
    }
    lock = acquireLock(workspace.repo.gitDir, request.commandLine);
    const notices = selectionNotices(layers);
    if (lock.takenOver) notices.push(`took over a stale lock left by ${describeHolder(lock.takenOver)} (that process is gone)`);
    const dirty = await layerDirtyFiles(workspace, layers);
    if (dirty.length > 0 && !flags.allowDirty) {
      throw new BlumeopsError(`uncommitted changes in the selected layers' paths:\n  ${dirty.join('\n  ')}`, {
        hint: 'commit them (blumeops applies what is committed), or pass --allow-dirty to apply the working tree',
      });
    }
    if (dirty.length > 0) notices.push(`applying ${dirty.length} uncommitted change${dirty.length === 1 ? '' : 's'} (--allow-dirty; recorded as dirty)`);
    for (const notice of notices) renderer.notice(notice);

    const record: RecordContext = {
      session,
      workspace,
      startedAt: new Date().toISOString(),
      dirty: dirty.length > 0,
      rollbackOf: request.rollbackOf ?? null,
      ...(await reason(request, workspace.repo.root, workspace.commit)),
    };

    renderer.begin(layers, 'plan');
    const planned = await planLayers(session, layers, renderer);
    await renderer.end();
    renderer.outcomes(planned, 'plan');

    const toApply = planned.filter((outcome) => outcome.status === 'changes');
    let outcomes: LayerOutcome[] = planned;
    if (toApply.length === 0 || session.tracker.interrupted) {
      for (const outcome of planned) recordOutcome(record, outcome);
    } else if (flags.yes || (await confirm(`Apply ${toApply.length === 1 ? 'these changes' : `changes to ${toApply.length} layers`}?`))) {
      renderer.begin(layers.filter((layer) => toApply.some((outcome) => outcome.name === layer.name)), 'apply');
      const entries = layers.map((layer, index) => ({ layer, outcome: planned[index] }));
      outcomes = await applyLayers(session, entries, renderer, (outcome) => recordOutcome(record, outcome));
      await renderer.end();
      renderer.outcomes(outcomes, 'apply');
    } else {
      renderer.say('Nothing applied.');
    }

    const exitCode = exitCodeFor(outcomes, false);
    if (flags.json) printJson(runDocument(request.command, session, workspace, outcomes, notices, dirty.length > 0, exitCode));
    return exitCode;
  } finally {
    stopHandling();
    session.close();
    lock?.release();
    await workspace.close();
  }
}

async function reason(request: RunRequest, root: string, commit: string | null): Promise<Pick<RecordContext, 'message' | 'messageSource'>> {
  if (request.flags.message) return { message: request.flags.message, messageSource: 'given' };
  if (request.rollbackOf) return { message: `rollback from ${request.rollbackOf.slice(0, 12)}`, messageSource: 'rollback' };
  if (!commit) return { message: null, messageSource: null };
  return { message: await commitSubject(root, commit), messageSource: 'commit' };
}
