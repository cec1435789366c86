import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlumeopsError } from '../errors.js';
import { acquireLock, inspectLock } from './lock.js';
import { lockPath } from './paths.js';

const gitDir = () => mkdtempSync(path.join(os.tmpdir(), 'lock-'));

/** A pid that is certainly dead: a process that already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

function writeHolder(dir: string, holder: object): void {
  mkdirSync(path.join(dir, 'blumeops'), { recursive: true });
  writeFileSync(lockPath(dir), JSON.stringify(holder));
}

describe('apply lock', () => {
  it('is held with its holder inside, refuses a second taker naming the holder, and is gone after release', () => {
    const dir = gitDir();
    const lock = acquireLock(dir, 'blumeops apply');
    const seen = inspectLock(dir);
    expect(seen.state === 'held' && seen.holder.pid).toBe(process.pid);
    expect(() => acquireLock(dir, 'blumeops up tailnet')).toThrow(/apply in progress: pid \d+ on .* `blumeops apply`/);
    lock.release();
    expect(existsSync(lockPath(dir))).toBe(false);
    // No temp file is left next to it.
    expect(readdirSync(path.join(dir, 'blumeops'))).toEqual([]);
  });

  it('takes over a lock whose holder is dead on this host, and says whose it was', async () => {
    const dir = gitDir();
    const pid = await deadPid();
    writeHolder(dir, { pid, host: os.hostname(), user: 'erich', command: 'blumeops apply', startedAt: new Date().toISOString(), id: 'old' });
    const lock = acquireLock(dir, 'blumeops apply');
    expect(lock.takenOver?.pid).toBe(pid);
    lock.release();
    expect(readdirSync(path.join(dir, 'blumeops'))).toEqual([]);
  });

  it('never takes over a live holder, nor one on another host', () => {
    const dir = gitDir();
    writeHolder(dir, { pid: 999_999_999, host: 'elsewhere', user: 'erich', command: 'blumeops apply', startedAt: new Date().toISOString() });
    expect(() => acquireLock(dir, 'blumeops apply')).toThrow(/on elsewhere/);
  });

  it('calls an unreadable lock an error that names the file, not stale', () => {
    const dir = gitDir();
    mkdirSync(path.join(dir, 'blumeops'), { recursive: true });
    writeFileSync(lockPath(dir), '');
    const attempt = () => acquireLock(dir, 'blumeops apply');
    expect(attempt).toThrow(BlumeopsError);
    expect(attempt).toThrow(lockPath(dir));
    expect(existsSync(lockPath(dir))).toBe(true);
  });

  it('release leaves a lock that is not its own alone', () => {
    const dir = gitDir();
    const lock = acquireLock(dir, 'blumeops apply');
    writeHolder(dir, { pid: process.pid, host: os.hostname(), user: 'x', command: 'other', startedAt: new Date().toISOString(), id: 'someone-else' });
    lock.release();
    expect(existsSync(lockPath(dir))).toBe(true);
  });
});
