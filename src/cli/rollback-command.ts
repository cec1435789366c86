import { BlumeopsError } from '../errors.js';
import { openRepo } from './workspace.js';
import { resolveRevision } from '../git/git.js';
import { readLedger } from '../state/ledger.js';
import { applyCommand } from './apply-command.js';
import type { RunRequest } from './run-support.js';

/**
 * `blumeops rollback <layer> [--to COMMIT]`: applies the layer's previous successfully applied commit
 * (or the one given) through --ref, plan shown first; the ledger says it was a rollback and from what.
 */
export async function rollbackCommand(layer: string, request: RunRequest & { to?: string }): Promise<number> {
  const repo = await openRepo(request.flags.repo);
  const applied = readLedger(repo.gitDir).entries.filter((entry) => entry.layer === layer && entry.status === 'applied' && entry.commit);
  const current = applied.at(-1);
  if (!current) {
    throw new BlumeopsError(`no successful apply of "${layer}" is recorded, so there is nothing to roll back`, { hint: 'see `blumeops history`' });
  }
  let target: string;
  if (request.to) target = await resolveRevision(repo.root, request.to);
  else {
    const previous = [...applied].reverse().find((entry) => entry.commit !== current.commit);
    if (!previous?.commit) {
      throw new BlumeopsError(`"${layer}" has only ever been applied from ${current.commit!.slice(0, 7)}: no earlier commit to roll back to`, {
        hint: 'name one with --to <commit>',
      });
    }
    target = previous.commit;
  }
  return applyCommand({ ...request, command: 'rollback', layers: [layer], flags: { ...request.flags, ref: target }, rollbackOf: current.commit! });
}
