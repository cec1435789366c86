// Rendering steps: the `preview --json` digest (one 4-space JSON document) and
// the human display of preview and up (pulumi's non-interactive layout).

import { ROOT_TYPE, blind, providerRef, rootUrn } from './diff.mjs';

/** apitype.ResourceV3 as the digest prints it (empty fields omitted). */
function resourceV3(step, ctx, which) {
  const root = step.type === ROOT_TYPE;
  const r = { urn: step.urn, custom: !root };
  const old = step.old;
  if (which === 'old') {
    if (old?.id) r.id = old.id;
    r.type = step.type;
    if (!root && old?.inputs && Object.keys(old.inputs).length) r.inputs = blind(old.inputs);
    const outputs = old?.outputs ?? (root ? null : old?.inputs);
    if (outputs && Object.keys(outputs).length) r.outputs = blind(outputs);
  } else {
    if (step.op !== 'create' && step.op !== 'replace' && old?.id) r.id = old.id;
    r.type = step.type;
    if (!root && step.inputs && Object.keys(step.inputs).length) r.inputs = blind(step.inputs);
    if (root && old?.outputs && Object.keys(old.outputs).length) r.outputs = blind(old.outputs);
  }
  if (!root) r.parent = rootUrn(ctx.stack, ctx.project);
  if (step.protect) r.protect = true;
  if (!root) r.provider = providerRef(ctx.stack, ctx.project, step.type);
  return r;
}

/** One display.PreviewStep. */
export function previewStep(step, ctx) {
  const s = { op: step.op, urn: step.urn };
  if (step.type !== ROOT_TYPE) s.provider = providerRef(ctx.stack, ctx.project, step.type);
  if (step.op !== 'create') s.oldState = resourceV3(step, ctx, 'old');
  if (step.op !== 'delete') s.newState = resourceV3(step, ctx, 'new');
  if (step.diffReasons?.length) s.diffReasons = step.diffReasons;
  if (step.replaceReasons?.length) s.replaceReasons = step.replaceReasons;
  s.detailedDiff = null;
  if (step.detailedDiff && Object.keys(step.detailedDiff).length) {
    s.detailedDiff = {};
    for (const [path, kind] of Object.entries(step.detailedDiff)) s.detailedDiff[path] = { kind, inputDiff: !step.refresh };
  }
  return s;
}

function indentJson(value, pad) {
  return JSON.stringify(value, null, 4).replace(/\n/g, `\n${pad}`);
}

/**
 * The digest as text, byte-identical to JSON.stringify(doc, null, 4) but built step by
 * step so that very large previews (PULUMI_EMULATOR_GENERATE) stay cheap.
 */
export function digestText({ config, steps, diagnostics, durationNs, changeSummary }, ctx) {
  const parts = [];
  if (config && Object.keys(config).length) parts.push(`    "config": ${indentJson(config, '    ')}`);
  if (steps.length) {
    const items = new Array(steps.length);
    for (let i = 0; i < steps.length; i += 1) items[i] = `        ${indentJson(previewStep(steps[i], ctx), '        ')}`;
    parts.push(`    "steps": [\n${items.join(',\n')}\n    ]`);
  }
  if (diagnostics.length) parts.push(`    "diagnostics": ${indentJson(diagnostics, '    ')}`);
  if (durationNs > 0) parts.push(`    "duration": ${durationNs}`);
  if (Object.keys(changeSummary).length) parts.push(`    "changeSummary": ${indentJson(changeSummary, '    ')}`);
  return parts.length ? `{\n${parts.join(',\n')}\n}\n` : '{}\n';
}

const SYMBOL = { create: '+ ', update: '~ ', delete: '- ', replace: '+-', same: '  ', refresh: '~ ' };

export function stepLine(step, label) {
  const diff = step.diffReasons?.length ? ` [diff: ${step.diffReasons.map((k) => `~${k}`).join(' ')}]` : '';
  return ` ${SYMBOL[step.op] ?? '  '} ${step.type} ${step.name} ${label}${diff}\n`;
}

function show(v) {
  return JSON.stringify(blind(v));
}

/** The `--diff` block of one step. */
export function diffBlock(step) {
  const lines = [`  ${SYMBOL[step.op]} ${step.type}: (${step.op})`];
  if (step.old?.id) lines.push(`        [id=${step.old.id}]`);
  lines.push(`        [urn=${step.urn}]`);
  if (step.op === 'create') {
    for (const [k, v] of Object.entries(step.inputs ?? {})) lines.push(`      + ${k}: ${show(v)}`);
  } else if (step.op === 'delete') {
    for (const [k, v] of Object.entries(step.old?.inputs ?? {})) lines.push(`      - ${k}: ${show(v)}`);
  } else {
    for (const [path, kind] of Object.entries(step.detailedDiff ?? {})) {
      const oldV = lookupPath(step.old?.inputs ?? {}, path);
      const newV = lookupPath(step.inputs ?? {}, path);
      if (kind.startsWith('add')) lines.push(`      + ${path}: ${show(newV)}`);
      else if (kind.startsWith('delete')) lines.push(`      - ${path}: ${show(oldV)}`);
      else lines.push(`      ~ ${path}: ${show(oldV)} => ${show(newV)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function lookupPath(obj, path) {
  let v = obj;
  const re = /([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let m;
  while ((m = re.exec(path)) !== null) {
    if (v && typeof v === 'object' && 'fn::secret' in v) return '[secret]';
    const key = m[1] ?? (m[2] !== undefined ? Number(m[2]) : JSON.parse(m[3]));
    if (v === null || typeof v !== 'object') return undefined;
    v = v[key];
  }
  return v;
}

const PREVIEW_WORDS = { create: 'to create', update: 'to update', delete: 'to delete', replace: 'to replace' };
const UP_WORDS = { create: 'created', update: 'updated', delete: 'deleted', replace: 'replaced' };

/** The `Resources:` block. */
export function resourcesSummary(summary, preview) {
  const words = preview ? PREVIEW_WORDS : UP_WORDS;
  const lines = ['Resources:'];
  let changes = 0;
  let kinds = 0;
  for (const op of ['create', 'update', 'delete', 'replace']) {
    const n = summary[op] ?? 0;
    if (!n) continue;
    changes += n;
    kinds += 1;
    lines.push(`    ${op === 'replace' ? '+-' : `${SYMBOL[op].trim()} `}${n} ${words[op]}`);
  }
  const same = summary.same ?? 0;
  if (kinds > 1 && same) lines.push(`    ${changes} changes. ${same} unchanged`);
  else if (kinds > 1) lines.push(`    ${changes} changes`);
  else if (same) lines.push(`    ${same} unchanged`);
  return `${lines.join('\n')}\n`;
}

/** The `Diagnostics:` block of the human display. */
export function diagnosticsBlock(diagnostics, ctx) {
  if (!diagnostics.length) return '';
  const lines = ['Diagnostics:', `  ${ROOT_TYPE} (${ctx.project}-${ctx.stack}):`];
  for (const d of diagnostics) {
    const label = d.severity === 'info' ? '' : `${d.severity}: `;
    lines.push(`    ${label}${d.message.replace(/\n$/, '')}`);
  }
  return `${lines.join('\n')}\n\n`;
}

/** The human preview text. */
export function previewText({ steps, diagnostics, changeSummary, showSames, diff }, ctx, header) {
  let text = `${header} (${ctx.stack}):\n\n`;
  for (const s of steps) {
    if (s.root) text += `    ${s.type} ${s.name}  \n`;
    else if (s.op !== 'same' || showSames) text += stepLine(s, s.op);
  }
  text += '\n';
  if (diff) {
    for (const s of steps) if (s.op !== 'same') text += diffBlock(s);
    text += '\n';
  }
  text += diagnosticsBlock(diagnostics, ctx);
  text += `${resourcesSummary(changeSummary, true)}\n`;
  return text;
}
