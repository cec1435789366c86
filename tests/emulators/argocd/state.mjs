// The emulator's whole world: one JSON file named by ARGOCD_EMULATOR_STATE. Reads need no lock
// (writes are temp file + rename); every read-modify-write holds the lock (lock.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { EmulatorError } from './errors.mjs';
import { withLock } from './lock.mjs';
import { materializeAll } from './timeline.mjs';

/** Path of the state file; required for everything that touches applications. */
export function statePath() {
  const p = process.env.ARGOCD_EMULATOR_STATE;
  if (!p) throw new EmulatorError('ARGOCD_EMULATOR_STATE is not set (path of the emulator state JSON file)');
  return path.resolve(p);
}

/** Parse the state file; a missing file is an empty world. Pending transitions are applied. */
export function readState(file = statePath(), now = Date.now()) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
    text = '{}';
  }
  let state;
  try {
    state = JSON.parse(text);
  } catch (err) {
    throw new EmulatorError(`cannot parse state file ${file}: ${err.message}`);
  }
  if (state === null || typeof state !== 'object' || Array.isArray(state)) {
    throw new EmulatorError(`state file ${file} must hold a JSON object`);
  }
  if (!Array.isArray(state.apps)) state.apps = [];
  materializeAll(state, now);
  return state;
}

/** Write atomically: a temp file in the same folder, then rename over the state. */
export function writeState(state, file = statePath()) {
  const tmp = `${file}.tmp.${process.pid}.${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

/** Locked read-modify-write. `fn(state)` mutates the state; its result is returned. */
export async function updateState(fn, file = statePath()) {
  return withLock(file, async () => {
    const state = readState(file);
    const result = await fn(state);
    writeState(state, file);
    return result;
  });
}

/** Locked read-modify-write that writes only when `fn(state)` returns true; returns the state. */
export async function modifyState(fn, file = statePath()) {
  return withLock(file, async () => {
    const state = readState(file);
    if (await fn(state)) writeState(state, file);
    return state;
  });
}

/** Application by name (and namespace when given). */
export function findApp(state, name, namespace) {
  return state.apps.find(
    (a) => a.metadata?.name === name && (!namespace || (a.metadata?.namespace ?? 'argocd') === namespace),
  );
}

/** Split `ns/name` (a qualified name) like argo.ParseFromQualifiedName. */
export function parseAppName(arg, appNamespace) {
  const slash = arg.indexOf('/');
  if (slash < 0) return { name: arg, namespace: appNamespace || '' };
  return { namespace: arg.slice(0, slash), name: arg.slice(slash + 1) };
}
