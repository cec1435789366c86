import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import { BlumeopsError } from '../errors.js';
import { lockPath } from './paths.js';

export interface LockHolder {
  pid: number;
  host: string;
  user: string;
  command: string;
  startedAt: string;
}

export interface HeldLock {
  release(): void;
  /** Set when a dead holder's lock was taken over. */
  takenOver?: LockHolder;
}

/**
 * One apply at a time per infra repo. The lock file is created exclusively; a lock whose pid is dead
 * on this host is taken over (and said so); anything else fails at once naming the holder.
 */
export function acquireLock(gitDir: string, command: string): HeldLock {
  const file = lockPath(gitDir);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), user: currentUser(), command, startedAt: new Date().toISOString() };
  let takenOver: LockHolder | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${JSON.stringify(me)}\n`);
      closeSync(fd);
      let released = false;
      return {
        takenOver,
        release() {
          if (released) return;
          released = true;
          const holder = readHolder(file);
          if (holder?.pid === me.pid && holder.host === me.host) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder && !isStale(holder)) throw lockedError(holder, file);
      takenOver = holder ?? undefined;
      rmSync(file, { force: true });
    }
  }
  throw new BlumeopsError('could not take the apply lock', { hint: `remove ${file} if no blumeops apply is running` });
}

export function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/** A holder is stale when it ran on this host and its pid is gone. */
export function isStale(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export function describeHolder(holder: LockHolder): string {
  const since = new Date(holder.startedAt).toTimeString().slice(0, 5);
  return `pid ${holder.pid} on ${holder.host} since ${since}, \`${holder.command}\``;
}

function lockedError(holder: LockHolder, file: string): BlumeopsError {
  return new BlumeopsError(`apply in progress: ${describeHolder(holder)}`, {
    hint: `wait for it to finish; if it is not running, \`blumeops unlock\` removes ${file}`,
  });
}

export function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
