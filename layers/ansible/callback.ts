/**
 * Where callback/blumeops_events.py is at run time: beside the package's package.json, whether this
 * module runs from source (layers/ansible/*.ts under vitest) or from the build (dist/layers/ansible/*.js).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BlumeopsError } from '../../src/errors.js';
import { CALLBACK_NAME } from './invocation.js';

let cached: string | undefined;

/** The absolute directory to put in ANSIBLE_CALLBACK_PLUGINS. */
export function callbackDir(from: string | URL = import.meta.url): string {
  if (cached && from === import.meta.url) return cached;
  let dir = path.dirname(fileURLToPath(from));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw missing(fileURLToPath(from));
    dir = parent;
  }
  const found = path.join(dir, 'layers', 'ansible', 'callback');
  if (!existsSync(path.join(found, `${CALLBACK_NAME}.py`))) throw missing(found);
  if (from === import.meta.url) cached = found;
  return found;
}

function missing(where: string): BlumeopsError {
  return new BlumeopsError(`the ansible callback plugin ${CALLBACK_NAME}.py is missing (looked from ${where})`, {
    hint: 'reinstall blumeops: its package ships layers/ansible/callback/*.py',
  });
}
