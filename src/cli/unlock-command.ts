import { BlumeopsError } from '../errors.js';
import { applyLock } from '../engine/history.js';
import { terminal } from '../output/terminal.js';
import { confirm } from './confirm.js';

/** `blumeops unlock`: removes the apply lock after showing who holds it and asking. */
export async function unlockCommand(flags: { repo?: string; yes: boolean }): Promise<number> {
  const out = terminal({ document: false, color: false });
  const lock = await applyLock(flags.repo);
  if (!lock.holder) {
    out.write('No apply lock is held.\n');
    return 0;
  }
  out.write(`The apply lock is held by ${lock.holder}${lock.stale ? ' (that process is gone)' : ''}.\n`);
  if (!flags.yes) {
    if (!out.canAsk) throw new BlumeopsError('refusing to remove the lock without confirmation: there is no terminal to ask', { hint: 'pass --yes' });
    if (!(await confirm('Remove it? Only do so if no apply is running.'))) return 1;
  }
  lock.remove();
  out.write('Lock removed.\n');
  return 0;
}
