// The live state: one JSON file (PULUMI_EMULATOR_STATE) holding every stack's
// resources plus the selected stack of each project directory.

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PulumiError } from './runtime.mjs';

export function statePath(projectDir) {
  return process.env.PULUMI_EMULATOR_STATE || join(projectDir, '.pulumi-emulator-state.json');
}

function emptyState() {
  return { version: 1, stacks: {}, selected: {} };
}

export function loadState(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return emptyState();
    throw e;
  }
  if (text.trim() === '') return emptyState();
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new PulumiError('generic', `could not read the emulator state ${path}: ${e.message}`);
  }
  const state = { ...emptyState(), ...data };
  state.stacks ??= {};
  state.selected ??= {};
  for (const stack of Object.values(state.stacks)) stack.resources ??= {};
  return state;
}

/** Write atomically: a temp file in the same directory, then rename over the target. */
function writeAtomic(path, state) {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, path);
}

/**
 * Read-modify-write so that concurrent emulators working on other stacks or
 * directories do not lose each other's changes.
 */
export function updateState(path, mutate) {
  const state = loadState(path);
  mutate(state);
  writeAtomic(path, state);
  return state;
}

/** Save one stack's entry (and nothing else) into the file. */
export function saveStack(path, name, stack) {
  updateState(path, (state) => {
    state.stacks[name] = stack;
  });
}

export function stackConfigFile(projectDir, stack) {
  for (const ext of ['yaml', 'yml']) {
    const file = join(projectDir, `Pulumi.${stack}.${ext}`);
    if (existsSync(file)) return file;
  }
  return null;
}

/**
 * A stack exists when the backend (the state file) has it, as with real pulumi: a
 * Pulumi.<stack>.yaml alone is not a stack until `stack init` or `stack select --create`.
 */
export function stackExists(projectDir, state, name) {
  return Boolean(state.stacks[name]);
}

/** org/project/stack -> stack. */
export function shortStackName(name) {
  const parts = name.split('/');
  return parts[parts.length - 1];
}

/** The stack a command works on: --stack, else the directory's selected stack. */
export function resolveStack(flagValue, projectDir, state) {
  const raw = flagValue || state.selected[projectDir];
  if (!raw) throw new PulumiError('stack', 'no stack selected; specify a stack name with --stack');
  const name = shortStackName(raw);
  if (!stackExists(projectDir, state, name)) throw new PulumiError('stack', `no stack named '${name}' found`);
  return name;
}

/** The stack entry, with only the resources whose URN belongs to this project. */
export function liveResources(state, stack, project) {
  const entry = state.stacks[stack];
  const live = new Map();
  if (!entry) return live;
  for (const [urn, res] of Object.entries(entry.resources)) {
    if (urnProject(urn) === project) live.set(urn, res);
  }
  return live;
}

export function urnProject(urn) {
  return urn.split('::')[1];
}
