// The small commands: stack (select, init, ls, output, bare), whoami, version,
// login, logout. Each returns its stdout text; the caller applies output faults.

import { dirname } from 'node:path';
import { hostname, userInfo } from 'node:os';
import { ROOT_TYPE, blind, reveal, rootUrn } from './diff.mjs';
import { PulumiError, isLegacy } from './runtime.mjs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveResources, loadState, resolveStack, shortStackName, stackConfigFile, stackExists, statePath, updateState } from './state.mjs';
import { loadProject } from './project.mjs';

export function versionText() {
  return `${process.env.PULUMI_EMULATOR_VERSION || (isLegacy() ? 'v3.225.0' : 'v3.230.0')}\n`;
}

function userName() {
  if (process.env.PULUMI_EMULATOR_USER) return process.env.PULUMI_EMULATOR_USER;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function backendUrl() {
  if (process.env.PULUMI_BACKEND_URL) return process.env.PULUMI_BACKEND_URL;
  if (process.env.PULUMI_EMULATOR_STATE) return `file://${dirname(process.env.PULUMI_EMULATOR_STATE)}`;
  return 'file://~';
}

export function whoamiText(cmd) {
  const user = userName();
  if (cmd.flags.json) return `${JSON.stringify({ user, organizations: [], url: backendUrl() }, null, 2)}\n`;
  if (cmd.flags.verbose) return `User: ${user}\nOrganizations: \nBackend URL: ${backendUrl()}\n`;
  return `${user}\n`;
}

export function loginText(cmd) {
  const url = cmd.args[0] || (cmd.flags.local ? 'file://~' : cmd.flags['cloud-url'] || process.env.PULUMI_BACKEND_URL || 'https://api.pulumi.com');
  if (process.env.PULUMI_EMULATOR_LOGGED_OUT && !url.startsWith('file://')) {
    throw new PulumiError('auth', 'PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions');
  }
  const host = url.startsWith('file://') ? hostname() : new URL(url).host;
  if (cmd.path === 'logout') return `Logged out of ${url}\n`;
  return `Logged in to ${host} as ${userName()} (${url})\n`;
}

async function project(cmd) {
  const { dir, name } = await loadProject(cmd.cwd);
  return { dir, name, statePath: statePath(dir) };
}

function createStack(p, name, state) {
  if (!name) throw new PulumiError('invocation', 'a stack name must be provided when running in non-interactive mode');
  updateState(p.statePath, (s) => {
    s.stacks[name] ??= { project: p.name, resources: {} };
    s.selected[p.dir] = name;
  });
  state.stacks[name] ??= { resources: {} };
  return `Created stack '${name}'\n`;
}

export async function stackSelectText(cmd) {
  const p = await project(cmd);
  const state = loadState(p.statePath);
  const raw = cmd.args[0] || cmd.flags.stack;
  if (!raw) throw new PulumiError('invocation', 'a stack name must be provided when running in non-interactive mode');
  const name = shortStackName(raw);
  if (stackExists(p.dir, state, name)) {
    updateState(p.statePath, (s) => {
      s.selected[p.dir] = name;
    });
    return '';
  }
  if (!cmd.flags.create) throw new PulumiError('stack', `no stack named '${name}' found`);
  return createStack(p, name, state);
}

export async function stackInitText(cmd) {
  const p = await project(cmd);
  const state = loadState(p.statePath);
  const name = shortStackName(cmd.args[0] || cmd.flags.stack || '');
  if (name && state.stacks[name]) throw new PulumiError('generic', `stack '${name}' already exists`);
  return createStack(p, name, state);
}

function stackNames(p, state) {
  const names = new Set();
  for (const [name, entry] of Object.entries(state.stacks)) {
    const mine = entry.project === p.name || Object.keys(entry.resources).some((urn) => urn.split('::')[1] === p.name);
    if (mine || !entry.project) names.add(name);
  }
  return [...names].sort();
}

export async function stackLsText(cmd) {
  const p = await project(cmd);
  const state = loadState(p.statePath);
  const current = state.selected[p.dir];
  const rows = stackNames(p, state).map((name) => {
    const entry = state.stacks[name];
    const row = { name, current: name === current };
    if (entry?.lastUpdate) {
      row.lastUpdate = entry.lastUpdate;
      row.resourceCount = liveResources(state, name, p.name).size;
    }
    row.updateInProgress = false;
    row.url = `${backendUrl()}/.pulumi/stacks/${p.name}/${name}`;
    return row;
  });
  if (cmd.flags.json) return `${JSON.stringify(rows, null, 2)}\n`;
  const lines = [['NAME', 'LAST UPDATE', 'RESOURCE COUNT', 'URL']];
  for (const r of rows) lines.push([`${r.name}${r.current ? '*' : ''}`, r.lastUpdate ?? 'n/a', String(r.resourceCount ?? 'n/a'), r.url]);
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return `${lines.map((l) => l.map((c, i) => (i < l.length - 1 ? c.padEnd(widths[i]) : c)).join('  ')).join('\n')}\n`;
}

async function stackOutputs(cmd) {
  const p = await project(cmd);
  const state = loadState(p.statePath);
  const stack = resolveStack(cmd.flags.stack, p.dir, state);
  const root = state.stacks[stack]?.resources[rootUrn(stack, p.name)];
  return { p, stack, state, outputs: root?.outputs ?? {} };
}

export async function stackOutputText(cmd) {
  if (cmd.flags.json && cmd.flags.shell) throw new PulumiError('invocation', 'only one of --json and --shell may be set');
  const { outputs } = await stackOutputs(cmd);
  const shown = cmd.flags['show-secrets'] ? reveal(outputs) : blind(outputs);
  const name = cmd.args[0];
  if (name !== undefined) {
    if (!(name in shown)) throw new PulumiError('generic', `current stack does not have output property '${name}'`);
    const v = shown[name];
    if (cmd.flags.json) return `${JSON.stringify(v, null, 2)}\n`;
    return `${typeof v === 'string' ? v : JSON.stringify(v)}\n`;
  }
  if (cmd.flags.json) return `${JSON.stringify(shown, null, 2)}\n`;
  const entries = Object.entries(shown);
  if (cmd.flags.shell) return entries.map(([k, v]) => `${k}='${String(typeof v === 'string' ? v : JSON.stringify(v)).replace(/'/g, "'\\''")}'\n`).join('');
  if (!entries.length) return 'Current stack outputs (0):\n    No output values currently in this stack\n';
  const width = Math.max(6, ...entries.map(([k]) => k.length));
  const lines = entries.map(([k, v]) => `    ${k.padEnd(width)}  ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return `Current stack outputs (${entries.length}):\n    ${'OUTPUT'.padEnd(width)}  VALUE\n${lines.join('\n')}\n`;
}

export async function stackText(cmd) {
  const { p, stack, state } = await stackOutputs(cmd);
  if (cmd.flags['show-name']) return `${stack}\n`;
  const live = liveResources(state, stack, p.name);
  const entry = state.stacks[stack];
  const lines = [`Current stack is ${stack}:`, `    Last updated: ${entry?.lastUpdate ?? 'n/a'}`, `Current stack resources (${live.size}):`];
  if (live.size === 0) lines.push('    No resources currently in this stack');
  for (const [urn, res] of live) {
    const name = urn.split('::')[3];
    let line = `    ${(res.type ?? ROOT_TYPE).padEnd(40)} ${name}`;
    if (cmd.flags['show-ids'] && res.id) line += `  id=${res.id}`;
    if (cmd.flags['show-urns']) line += `\n        URN: ${urn}`;
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `config set [--secret] KEY VALUE`: writes the stack's Pulumi.<stack>.yaml like pulumi does (the
 * stack must exist). A secret is stored as `secure: v1:…` (base64 here, encrypted by real pulumi):
 * never the plain value.
 */
export async function configSetText(cmd) {
  const p = await project(cmd);
  const stack = resolveStack(cmd.flags.stack, p.dir, loadState(p.statePath));
  const [key, value] = cmd.args;
  if (key === undefined || value === undefined) throw new PulumiError('invocation', 'a value must be given when running in non-interactive mode');
  const full = key.includes(':') ? key : `${p.name}:${key}`;
  const file = stackConfigFile(p.dir, stack) ?? join(p.dir, `Pulumi.${stack}.yaml`);
  const { default: YAML } = await import('yaml');
  const doc = YAML.parseDocument(existsSync(file) ? readFileSync(file, 'utf8') : '');
  if (!YAML.isMap(doc.contents)) doc.contents = doc.createNode({});
  const stored = cmd.flags.secret ? { secure: `v1:${Buffer.from(value).toString('base64')}` } : value;
  doc.setIn(['config', full], doc.createNode(stored));
  writeFileSync(file, doc.toString());
  return '';
}
