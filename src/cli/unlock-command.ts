import { existsSync, rmSync } from 'node:fs';
import { openRepo } from './workspace.js';
import { BlumeopsError } from '../errors.js';
import { lockPath } from '../state/paths.js';
import { describeHolder, isStale, readHolder } from '../state/lock.js';
import { confirm } from './confirm.js';

/** `blumeops unlock`: removes the apply lock after showing who holds it and asking. */
export async function unlockCommand(flags: { repo?: string; yes: boolean }): Promise<number> {
  const repo = await openRepo(flags.repo);
  const file = lockPath(repo.gitDir);
  if (!existsSync(file)) {
    process.stdout.write('No apply lock is held.\n');
    return 0;
  }
  const holder = readHolder(file);
  const who = holder ? describeHolder(holder) : 'an unreadable lock file';
  const state = holder && isStale(holder) ? ' (that process is gone)' : '';
  process.stdout.write(`The apply lock is held by ${who}${state}.\n`);
  if (!flags.yes) {
    if (!process.stdin.isTTY) throw new BlumeopsError('refusing to remove the lock without confirmation', { hint: 'pass --yes' });
    if (!(await confirm('Remove it? Only do so if no apply is running.'))) return 1;
  }
  rmSync(file, { force: true });
  process.stdout.write('Lock removed.\n');
  return 0;
}
