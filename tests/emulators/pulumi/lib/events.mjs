// Engine events (apitype.EngineEvent): the JSON lines of `up --json` and of
// `--event-log FILE`, one object per line with sequence, timestamp and one payload.

import { closeSync, openSync, writeSync } from 'node:fs';
import { ROOT_TYPE, blind, providerRef, rootUrn } from './diff.mjs';
import { out, unixSeconds } from './runtime.mjs';

export class EventSink {
  /** json: also print to stdout; eventLog: path truncated now and written line by line. */
  constructor({ json, eventLog }) {
    this.json = json;
    this.sequence = 0;
    this.fd = eventLog ? openSync(eventLog, 'w') : null;
  }

  /** The next line, without emitting it (for KILL_SELF / MALFORMED). */
  line(key, payload) {
    return `${JSON.stringify({ sequence: this.sequence, timestamp: unixSeconds(), [key]: payload })}\n`;
  }

  emit(key, payload) {
    const line = this.line(key, payload);
    this.sequence += 1;
    if (this.fd !== null) writeSync(this.fd, line);
    if (this.json) out(line);
    return line;
  }

  close() {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** StepEventStateMetadata. */
function stateMeta(ctx, step, { id, inputs, outputs }) {
  const root = step.type === ROOT_TYPE;
  const m = { type: step.type, urn: step.urn };
  if (!root) m.custom = true;
  m.id = id ?? '';
  m.parent = root ? '' : rootUrn(ctx.stack, ctx.project);
  if (step.protect) m.protect = true;
  m.inputs = blind(inputs ?? {});
  m.outputs = blind(outputs ?? {});
  m.provider = root ? '' : providerRef(ctx.stack, ctx.project, step.type);
  return m;
}

/**
 * StepEventMetadata of a step. phase 'pre' (before the operation) or 'post' (after
 * it, when result = { id, outputs } of the new state is known).
 */
export function stepMetadata(ctx, step, phase, result = {}) {
  const root = step.type === ROOT_TYPE;
  const old = step.old;
  const m = { op: step.op, urn: step.urn, type: step.type };
  m.old = old ? stateMeta(ctx, step, { id: old.id, inputs: root ? {} : old.inputs, outputs: old.outputs ?? (root ? {} : old.inputs) }) : null;
  if (step.op === 'delete') {
    m.new = null;
  } else if (phase === 'pre') {
    const keepsId = step.op === 'same' || step.op === 'update';
    m.new = stateMeta(ctx, step, { id: keepsId ? old?.id : '', inputs: root ? {} : step.inputs, outputs: keepsId ? old?.outputs ?? (root ? {} : old?.inputs) : {} });
  } else {
    m.new = stateMeta(ctx, step, { id: result.id ?? old?.id, inputs: root ? {} : step.inputs, outputs: result.outputs ?? old?.outputs ?? {} });
  }
  if (step.replaceReasons?.length) m.keys = step.replaceReasons;
  if (step.diffReasons?.length) m.diffs = step.diffReasons;
  if (step.detailedDiff && Object.keys(step.detailedDiff).length) {
    m.detailedDiff = {};
    for (const [path, kind] of Object.entries(step.detailedDiff)) m.detailedDiff[path] = { diffKind: kind, inputDiff: !step.refresh };
  }
  m.logical = true;
  m.provider = root ? '' : providerRef(ctx.stack, ctx.project, step.type);
  return m;
}

export function diagnosticPayload(d) {
  const p = {};
  if (d.urn) p.urn = d.urn;
  if (d.prefix) p.prefix = d.prefix;
  p.message = d.message;
  p.color = 'never';
  p.severity = d.severity;
  return p;
}
