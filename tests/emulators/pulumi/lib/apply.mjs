// The step loop of `up` and `refresh`: one resource operation at a time, the state
// saved after each, events around each, failures and cancellation honoured.

import { ROOT_TYPE, newId, rootUrn } from './diff.mjs';
import { diagnosticPayload, stepMetadata } from './events.mjs';
import { killSelf, killSelfKnob, knobMs, resourceFailKnob } from './knobs.mjs';
import { stepLine } from './render.mjs';
import { out, sleep } from './runtime.mjs';
import { saveStack } from './state.mjs';

const ING = { create: 'creating', update: 'updating', delete: 'deleting', replace: 'replacing' };
const PAST = { create: 'created', update: 'updated', delete: 'deleted', replace: 'replaced' };

/** Write one completed step into the stack entry; returns the new { id, outputs }. */
function applyToEntry(entry, step) {
  const old = step.old;
  if (step.op === 'delete') {
    delete entry.resources[step.urn];
    return {};
  }
  const id = step.op === 'update' ? old.id : newId(step.name, step.urn, old?.id);
  const res = { type: step.type, inputs: step.inputs, id, outputs: step.inputs };
  if (step.protect) res.protect = true;
  entry.resources[step.urn] = res;
  return { id, outputs: step.inputs };
}

function failureOf(step, failNames) {
  const name = failNames.has(step.name) ? step.name : step.key && failNames.has(step.key) ? step.key : null;
  if (name !== null) return failNames.get(name) ?? `${ING[step.op]} ${step.type} '${step.name}' failed: emulated failure (PULUMI_EMULATOR_RESOURCE_FAIL)`;
  if (step.op === 'delete' && step.old?.protect) {
    return `unable to delete resource "${step.urn}"\nas it is currently marked for protection. To unprotect the resource, remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\``;
  }
  return null;
}

/** Replace this project's resources in the entry by a refreshed view of them. */
export function overlayRefreshed(entry, before, after) {
  for (const urn of before.keys()) if (!after.has(urn)) delete entry.resources[urn];
  for (const [urn, res] of after) entry.resources[urn] = res;
}

/**
 * Run the steps. outputs: the program's stack outputs to record on the root resource
 * (null for refresh). skipChanges: only report sames (a program error). Returns
 * { done: {op: n}, failed, cancelled, diagnostics }.
 */
export async function applySteps({ cmd, sc, steps, scope, sink, kind, outputs, entry, skipChanges }) {
  const json = Boolean(cmd.flags.json);
  const ctx = sc.ctx;
  const stepDelay = knobMs('STEP_DELAY_MS', cmd.path);
  const failNames = kind === 'update' ? resourceFailKnob(cmd.path) : new Map();
  const killSig = killSelfKnob(cmd.path);
  const done = {};
  const diagnostics = [];
  const count = (op) => {
    done[op] = (done[op] ?? 0) + 1;
  };
  let failed = false;
  let changes = 0;
  const maybeKill = async () => {
    if (killSig === null) return;
    out(json ? `{"sequence":${sink.sequence},"timestamp":${Math.floor(Date.now() / 1000)},"resourcePre` : ' +  ');
    await killSelf(killSig);
  };

  const [rootStep, ...rest] = steps;
  sink.emit('resourcePreEvent', { metadata: stepMetadata(ctx, rootStep, 'pre') });
  for (const step of rest) {
    if (step.op === 'same' || skipChanges) {
      if (step.op !== 'same') continue;
      sink.emit('resourcePreEvent', { metadata: stepMetadata(ctx, step, 'pre') });
      sink.emit('resOutputsEvent', { metadata: stepMetadata(ctx, step, 'post') });
      if (!json && cmd.flags['show-sames']) out(stepLine(step, ''));
      count('same');
      continue;
    }
    if (scope.cancelled) break;
    sink.emit('resourcePreEvent', { metadata: stepMetadata(ctx, step, 'pre') });
    if (!json) out(stepLine(step, ING[step.op]));
    const t0 = Date.now();
    if (stepDelay) await sleep(stepDelay);
    const failure = failureOf(step, failNames);
    if (failure) {
      const d = { urn: step.urn, prefix: 'error: ', message: `${failure}\n`, severity: 'error' };
      diagnostics.push(d);
      sink.emit('diagnosticEvent', diagnosticPayload(d));
      sink.emit('resOpFailedEvent', { metadata: stepMetadata(ctx, step, 'pre'), status: 0, steps: 0 });
      if (!json) out(stepLine(step, `**${ING[step.op]} failed** error: ${failure.split('\n')[0]}`));
      failed = true;
      continue;
    }
    const result = applyToEntry(entry, step);
    saveStack(sc.statePath, ctx.stack, entry);
    sink.emit('resOutputsEvent', { metadata: stepMetadata(ctx, step, 'post', result) });
    if (!json) out(stepLine(step, `${PAST[step.op]} (${((Date.now() - t0) / 1000).toFixed(2)}s)`));
    count(step.op);
    changes += 1;
    if (changes === 1) await maybeKill();
  }
  if (changes === 0) await maybeKill();

  const root = rootUrn(ctx.stack, ctx.project);
  if (outputs && !scope.cancelled && !skipChanges) {
    entry.resources[root] = { type: ROOT_TYPE, id: '', inputs: {}, outputs };
  }
  entry.project ??= ctx.project;
  entry.lastUpdate = new Date().toISOString();
  saveStack(sc.statePath, ctx.stack, entry);
  if (!scope.cancelled) {
    sink.emit('resOutputsEvent', { metadata: stepMetadata(ctx, rootStep, 'post', { outputs: entry.resources[root]?.outputs ?? {} }) });
  }
  count('same');
  return { done, failed, cancelled: scope.cancelled, diagnostics, outputs: entry.resources[root]?.outputs ?? {} };
}
