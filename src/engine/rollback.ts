import { BlumeopsError } from '../errors.js';
import { resolveRevision } from '../git/git.js';
import { appliedHistory, Ledger } from '../state/ledger.js';
import { runApply } from './apply-run.js';
import type { ApplyRequest, Confirm, RunReport, RunView } from './request.js';
import { openRepo } from './workspace.js';

/**
 * Rollback is an apply of an earlier commit: the layer's previous successfully applied commit (or
 * the one given), through a worktree at that commit; the ledger says it was a rollback and from what.
 */
export async function runRollback(layer: string, to: string | undefined, request: ApplyRequest, view: RunView, confirm?: Confirm): Promise<RunReport> {
  const repo = await openRepo(request.repo);
  const applied = appliedHistory(new Ledger(repo.gitDir).read().entries, layer);
  const current = applied.at(-1);
  if (!current?.commit) {
    throw new BlumeopsError(`no successful apply of "${layer}" is recorded, so there is nothing to roll back`, { hint: 'see `blumeops history`' });
  }
  let target: string;
  if (to) target = await resolveRevision(repo.root, to);
  else {
    const previous = [...applied].reverse().find((entry) => entry.commit !== current.commit);
    if (!previous?.commit) {
      throw new BlumeopsError(`"${layer}" has only ever been applied from ${current.commit.slice(0, 7)}: no earlier commit to roll back to`, {
        hint: 'name one with --to <commit>',
      });
    }
    target = previous.commit;
  }
  return runApply({ ...request, command: 'rollback', layers: [layer], ref: target, rollbackOf: current.commit }, view, confirm);
}
