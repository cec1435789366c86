/**
 * Where callback/blumeops_events.py is at run time: beside the package's package.json, whether this
 * module runs from source (layers/ansible/*.ts under vitest) or from the build (dist/layers/ansible/*.js).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BlumeopsError } from '../../src/errors.js';
import { packageRoot } from '../../src/package-root.js';
import { CALLBACK_NAME } from './invocation.js';

let cached: string | undefined;

/** The absolute directory to put in ANSIBLE_CALLBACK_PLUGINS. */
export function callbackDir(from: string | URL = import.meta.url): string {
  if (cached && from === import.meta.url) return cached;
  let root: string;
  try {
    root = packageRoot(String(from));
  } catch {
    throw missing(fileURLToPath(from));
  }
  const found = path.join(root, 'layers', 'ansible', 'callback');
  if (!existsSync(path.join(found, `${CALLBACK_NAME}.py`))) throw missing(found);
  if (from === import.meta.url) cached = found;
  return found;
}

function missing(where: string): BlumeopsError {
  return new BlumeopsError(`the ansible callback plugin ${CALLBACK_NAME}.py is missing (looked from ${where})`, {
    hint: 'reinstall blumeops: its package ships layers/ansible/callback/*.py',
  });
}
