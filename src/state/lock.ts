import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import * as z from 'zod';
import { BlumeopsError } from '../errors.js';
import { ensureStateDir, lockPath } from './paths.js';

export const LockHolder = z.object({
  pid: z.number(),
  host: z.string(),
  user: z.string(),
  command: z.string(),
  startedAt: z.string(),
  /** Tells two holders with the same pid apart (a pid can be reused). */
  id: z.string().optional(),
});
export type LockHolder = z.infer<typeof LockHolder>;

export type LockState =
  | { state: 'free'; file: string }
  | { state: 'held'; file: string; holder: LockHolder; stale: boolean }
  | { state: 'unreadable'; file: string; reason: string };

export interface HeldLock {
  release(): void;
  /** Set when a dead holder's lock was taken over. */
  takenOver?: LockHolder;
}

/** Attempts before giving up when other processes keep winning races for the same lock. */
const ATTEMPTS = 20;

/**
 * One apply at a time per infra repo. The lock is created atomically with its holder inside (a temp
 * file `link()`ed to the lock path, which fails if it exists), so no reader sees an empty lock. A
 * lock whose pid is dead on this host is stale; taking it over goes through a second exclusive file
 * (`lock.takeover`), so two processes that both saw the stale lock cannot both win.
 */
export function acquireLock(gitDir: string, command: string): HeldLock {
  ensureStateDir(gitDir);
  const file = lockPath(gitDir);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), user: currentUser(), command, startedAt: new Date().toISOString(), id: randomBytes(6).toString('hex') };
  const mine = writeTemp(file, me);
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (tryLink(mine, file)) return held(file, me);
      const seen = readLock(file);
      if (seen.state === 'free') continue;
      if (seen.state === 'unreadable') throw unreadableError(seen.file, seen.reason);
      if (!seen.stale) throw lockedError(seen.holder, file);
      if (takeOver(file, seen.holder, mine)) return held(file, me, seen.holder);
      sleepBriefly();
    }
  } finally {
    rmSync(mine, { force: true });
  }
  throw new BlumeopsError('could not take the apply lock: other blumeops processes keep taking it', { hint: 'wait for them to finish, then try again' });
}

/** Who holds the lock, for `unlock`, `context` and error messages. Never changes anything. */
export function inspectLock(gitDir: string): LockState {
  return readLock(lockPath(gitDir));
}

/** Removes the lock (`blumeops unlock`, after the operator agreed). */
export function breakLock(gitDir: string): void {
  rmSync(lockPath(gitDir), { force: true });
}

export function describeHolder(holder: LockHolder): string {
  const since = new Date(holder.startedAt).toTimeString().slice(0, 5);
  return `pid ${holder.pid} on ${holder.host} since ${since}, \`${holder.command}\``;
}

export function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

function held(file: string, me: LockHolder, takenOver?: LockHolder): HeldLock {
  let released = false;
  return {
    takenOver,
    release() {
      if (released) return;
      released = true;
      const current = readLock(file);
      if (current.state === 'held' && current.holder.id === me.id && current.holder.pid === me.pid) rmSync(file, { force: true });
    },
  };
}

/** Only one process can hold `lock.takeover`; it checks the stale holder is still there before replacing it. */
function takeOver(file: string, stale: LockHolder, mine: string): boolean {
  const gate = `${file}.takeover`;
  if (!tryLink(mine, gate)) {
    const other = readLock(gate);
    // A takeover whose process died mid-way (a few milliseconds of work) would block every apply.
    if (other.state === 'held' && other.stale) rmSync(gate, { force: true });
    return false;
  }
  try {
    const current = readLock(file);
    if (current.state !== 'held' || !sameHolder(current.holder, stale)) return false;
    rmSync(file, { force: true });
    return tryLink(mine, file);
  } finally {
    rmSync(gate, { force: true });
  }
}

function readLock(file: string): LockState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'free', file };
    return { state: 'unreadable', file, reason: (error as Error).message };
  }
  try {
    const holder = LockHolder.parse(JSON.parse(text));
    return { state: 'held', file, holder, stale: isStale(holder) };
  } catch {
    return { state: 'unreadable', file, reason: 'not a blumeops lock (invalid JSON or fields)' };
  }
}

/** Stale means exactly one thing: the holder ran on this host and its pid is gone. */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function sameHolder(a: LockHolder, b: LockHolder): boolean {
  return a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt && a.id === b.id;
}

function writeTemp(file: string, holder: LockHolder): string {
  const temp = `${file}.${process.pid}.${holder.id}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function sleepBriefly(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10 + Math.floor(Math.random() * 20));
}

function lockedError(holder: LockHolder, file: string): BlumeopsError {
  return new BlumeopsError(`apply in progress: ${describeHolder(holder)}`, {
    hint: `wait for it to finish; if it is not running, \`blumeops unlock\` removes ${file}`,
  });
}

function unreadableError(file: string, reason: string): BlumeopsError {
  return new BlumeopsError(`the apply lock ${file} cannot be read: ${reason}`, {
    hint: `if no blumeops apply is running, \`blumeops unlock\` removes it`,
  });
}
