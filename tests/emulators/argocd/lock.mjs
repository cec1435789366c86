// An exclusive lock file beside the state (`<state>.lock`, created with O_EXCL) so several
// emulator processes can read-modify-write the state at once. A lock older than 5 s belongs to a
// dead process and is broken.
import fs from 'node:fs';

const STALE_MS = 5000;

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tryCreate(lockPath) {
  try {
    const fd = fs.openSync(lockPath, 'wx');
    fs.writeSync(fd, `${process.pid}\n`);
    fs.closeSync(fd);
    return true;
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
    return false;
  }
}

// Rename first, so two processes that both find the lock stale cannot delete a fresh one twice.
function breakIfStale(lockPath) {
  try {
    if (Date.now() - fs.statSync(lockPath).mtimeMs <= STALE_MS) return;
    const aside = `${lockPath}.stale.${process.pid}.${Math.random().toString(36).slice(2)}`;
    fs.renameSync(lockPath, aside);
    fs.rmSync(aside, { force: true });
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
}

/** Run `fn` while holding `<statePath>.lock`; the lock is removed even on SIGINT/SIGTERM. */
export async function withLock(statePath, fn) {
  const lockPath = `${statePath}.lock`;
  while (!tryCreate(lockPath)) {
    breakIfStale(lockPath);
    await sleep(5 + Math.random() * 10);
  }
  const onSignal = (signal) => {
    fs.rmSync(lockPath, { force: true });
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn();
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    fs.rmSync(lockPath, { force: true });
  }
}
