// The stack lock of a diy (file) backend: `up` and `refresh` hold one for as long as they run;
// another one started meanwhile fails the way real pulumi does (preview takes no lock).

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hostname, userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { PulumiError } from './runtime.mjs';

function lockDir(statePath, project, stack) {
  return join(dirname(statePath), '.pulumi', 'locks', 'organization', project, stack);
}

function user() {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Takes the lock, or throws pulumi's error naming the holders. Released when the process exits. */
export function acquireLock(statePath, project, stack) {
  const dir = lockDir(statePath, project, stack);
  let others = [];
  try {
    others = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    // no lock dir yet
  }
  if (others.length > 0) {
    const lines = [`the stack is currently locked by ${others.length} lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`.`];
    for (const name of others) {
      let held = {};
      try {
        held = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      } catch {
        // a lock being written: name it anyway
      }
      lines.push(`  file://${join(dir, name)}: created by ${held.username}@${held.hostname} (pid ${held.pid}) at ${held.timestamp}`);
    }
    throw new PulumiError('generic', lines.join('\n'));
  }
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify({ pid: process.pid, username: user(), hostname: hostname(), timestamp: new Date().toISOString() }));
  process.on('exit', () => rmSync(file, { force: true }));
}
