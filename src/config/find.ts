import { existsSync } from 'node:fs';
import path from 'node:path';
import { BlumeopsError } from '../errors.js';

export const CONFIG_FILE = 'blumeops.yaml';

/** Walks up from `start` to the first directory holding blumeops.yaml. */
export function findConfigFile(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new BlumeopsError(`no ${CONFIG_FILE} found in ${path.resolve(start)} or any parent directory`, {
    hint: `run blumeops from inside your infra repo, pass -C DIR, or create one with \`blumeops init\``,
  });
}
