// What preview, up and refresh share: loading project + stack + state, the
// diagnostics injected by knobs, and the fault knobs that act before any work.

import { displayConfig, desiredProgram, findProject, generatedResources, loadProject, loadStackConfig, quickProjectName } from './project.mjs';
import { liveResources, loadState, resolveStack, shortStackName, statePath } from './state.mjs';
import { diagnosticKnob, failKnob, knob, knobMs, knobOn, printEnvLines } from './knobs.mjs';
import { err, exitProcess, interruptibleSleep } from './runtime.mjs';
import { rootUrn } from './diff.mjs';

/** Everything an operation needs about its stack. */
export async function loadStackContext(cmd) {
  const project = await loadProject(cmd.cwd);
  const path = statePath(project.dir);
  const state = loadState(path);
  const stack = resolveStack(cmd.flags.stack, project.dir, state);
  const config = await loadStackConfig(project, stack);
  const program = desiredProgram(project, stack, config);
  return {
    ctx: { stack, project: project.name },
    projectDir: project.dir,
    statePath: path,
    state,
    config,
    configShown: displayConfig(config),
    program,
    live: liveResources(state, stack, project.name),
  };
}

/**
 * PULUMI_EMULATOR_GENERATE=N: N synthetic creates, no program parsing, no live state.
 * The stack is --stack, else the selected one, else "dev"; it need not exist.
 */
export function generatedContext(cmd, n) {
  let dir = cmd.cwd;
  let name = 'generated';
  try {
    const found = findProject(cmd.cwd);
    dir = found.dir;
    name = quickProjectName(found.file);
  } catch {
    // no project: a benchmark may run anywhere
  }
  const state = loadState(statePath(dir));
  const stack = shortStackName(cmd.flags.stack || state.selected[dir] || 'dev');
  return {
    ctx: { stack, project: name },
    projectDir: dir,
    statePath: statePath(dir),
    state,
    config: new Map(),
    configShown: {},
    program: { resources: generatedResources(n), outputs: {} },
    live: new Map(),
  };
}

export function generateCount(cmd) {
  const n = Number(knob('GENERATE', cmd.path));
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** Diagnostics from PRINT_ENV (info) and DIAGNOSTIC (its severity), in digest form. */
export function knobDiagnostics(cmd, ctx) {
  const urn = rootUrn(ctx.stack, ctx.project);
  const list = printEnvLines(cmd.path).map((line) => ({ urn, message: `${line}\n`, severity: 'info' }));
  const d = diagnosticKnob(cmd.path);
  if (d) list.push({ urn, prefix: d.severity === 'info' ? undefined : `${d.severity}: `, message: `${d.message}\n`, severity: d.severity });
  return list.map((x) => (x.prefix === undefined ? { urn: x.urn, message: x.message, severity: x.severity } : x));
}

export function refreshWanted(value) {
  return value !== undefined && value !== 'false' && value !== '0' && value !== 'False' && value !== 'FALSE';
}

/**
 * DELAY_MS, then FAIL, HANG and EMPTY. `failOutput(fail)` prints plausible stdout
 * before the error. Returns 'cancelled' when a signal arrived while waiting.
 */
export async function preambleFaults(cmd, scope, failOutput) {
  await interruptibleSleep(knobMs('DELAY_MS', cmd.path), scope);
  if (scope?.cancelled) return 'cancelled';
  const fail = failKnob(cmd.path);
  if (fail) {
    failOutput?.(fail);
    err(`error: ${fail.message}\n`);
    await exitProcess(fail.code);
  }
  if (knobOn('HANG', cmd.path)) {
    if (!scope) await new Promise(() => setInterval(() => {}, 1 << 30));
    await scope.waitCancelled();
    return 'cancelled';
  }
  if (knobOn('EMPTY', cmd.path)) await exitProcess(0);
  return 'ok';
}
