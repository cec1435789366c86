// Desired (program) against live (state): the steps pulumi would take, with
// diffReasons, replaceReasons and a detailedDiff keyed by property path.

export const ROOT_TYPE = 'pulumi:pulumi:Stack';

export function urnOf(stack, project, type, name) {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

export function rootUrn(stack, project) {
  return urnOf(stack, project, ROOT_TYPE, `${project}-${stack}`);
}

/** Deterministic 32-bit FNV-1a, as hex. */
export function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The provider reference of a resource type: the package's default provider. */
export function providerRef(stack, project, type) {
  const pkg = type.split(':')[0];
  const h = hash(pkg) + hash(`${pkg}/provider`) + hash(`${pkg}/id`) + hash(`${pkg}/uuid`);
  const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  return `urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::default::${uuid}`;
}

export function newId(name, urn, previousId) {
  return `${name}-${hash(`${urn}#${previousId ?? ''}`).slice(0, 7)}`;
}

export function isSecret(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'fn::secret' in v && Object.keys(v).length === 1;
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Secrets shown as "[secret]", as pulumi does in states and events. */
export function blind(v) {
  if (isSecret(v)) return '[secret]';
  if (Array.isArray(v)) return v.map(blind);
  if (isObject(v)) {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[k] = blind(x);
    return o;
  }
  return v;
}

/** Secrets replaced by their plaintext. */
export function reveal(v) {
  if (isSecret(v)) return reveal(v['fn::secret']);
  if (Array.isArray(v)) return v.map(reveal);
  if (isObject(v)) {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[k] = reveal(x);
    return o;
  }
  return v;
}

export function deepEqual(a, b) {
  const x = isSecret(a) ? a['fn::secret'] : a;
  const y = isSecret(b) ? b['fn::secret'] : b;
  if (x === y) return true;
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    return x.every((v, i) => deepEqual(v, y[i]));
  }
  if (isObject(x) && isObject(y)) {
    const kx = Object.keys(x);
    if (kx.length !== Object.keys(y).length) return false;
    return kx.every((k) => k in y && deepEqual(x[k], y[k]));
  }
  return false;
}

function segment(key) {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
}

function join(path, key) {
  const seg = segment(key);
  if (path === '') return seg;
  return seg.startsWith('[') ? `${path}${seg}` : `${path}.${seg}`;
}

/** Fill `out` with property path -> 'add' | 'delete' | 'update'. Secrets are not descended into. */
function diffValue(oldV, newV, path, out) {
  if (deepEqual(oldV, newV)) return;
  if (isSecret(oldV) || isSecret(newV)) {
    out[path] = 'update';
    return;
  }
  if (isObject(oldV) && isObject(newV)) {
    for (const k of Object.keys(oldV)) {
      const p = join(path, k);
      if (!(k in newV)) out[p] = 'delete';
      else diffValue(oldV[k], newV[k], p, out);
    }
    for (const k of Object.keys(newV)) if (!(k in oldV)) out[join(path, k)] = 'add';
    return;
  }
  if (Array.isArray(oldV) && Array.isArray(newV)) {
    const n = Math.max(oldV.length, newV.length);
    for (let i = 0; i < n; i += 1) {
      const p = `${path}[${i}]`;
      if (i >= oldV.length) out[p] = 'add';
      else if (i >= newV.length) out[p] = 'delete';
      else diffValue(oldV[i], newV[i], p, out);
    }
    return;
  }
  out[path] = 'update';
}

function topKey(path) {
  if (path.startsWith('[')) return JSON.parse(path.slice(1, path.indexOf(']')));
  return path.split(/[.[]/)[0];
}

function optionKeys(list) {
  return Array.isArray(list) ? list.map((p) => (p === '*' ? '*' : topKey(String(p)))) : [];
}

/** Compare old and new inputs of one resource. */
export function diffInputs(oldInputs, newInputs, options = {}) {
  const ignore = new Set(optionKeys(options.ignoreChanges));
  const replaceOn = new Set(optionKeys(options.replaceOnChanges));
  const effective = { ...newInputs };
  for (const k of ignore) {
    if (k in oldInputs) effective[k] = oldInputs[k];
    else delete effective[k];
  }
  const paths = {};
  for (const k of Object.keys(oldInputs)) {
    if (!(k in effective)) paths[join('', k)] = 'delete';
    else diffValue(oldInputs[k], effective[k], join('', k), paths);
  }
  for (const k of Object.keys(effective)) if (!(k in oldInputs)) paths[join('', k)] = 'add';
  const diffReasons = [...new Set(Object.keys(paths).map(topKey))];
  const replaceReasons = diffReasons.filter((k) => replaceOn.has(k) || replaceOn.has('*'));
  const detailedDiff = {};
  for (const [p, kind] of Object.entries(paths)) {
    detailedDiff[p] = replaceReasons.includes(topKey(p)) ? `${kind}-replace` : kind;
  }
  return { inputs: effective, diffReasons, replaceReasons, detailedDiff };
}

/**
 * Plan the steps. desired: [{name, type, inputs, options}] in program order;
 * live: Map urn -> {type, inputs, id, outputs, protect}. Returns steps (root first,
 * then program order, then deletes in reverse state order) including `same` steps.
 */
export function planSteps({ stack, project, desired, live }) {
  const root = rootUrn(stack, project);
  const steps = [{ op: 'same', urn: root, type: ROOT_TYPE, name: `${project}-${stack}`, old: live.get(root) ?? null, root: true }];
  const wanted = new Set([root]);
  for (const res of desired) {
    const urn = urnOf(stack, project, res.type, res.name);
    wanted.add(urn);
    const old = live.get(urn) ?? null;
    const base = { urn, type: res.type, name: res.name, key: res.key, options: res.options, protect: Boolean(res.options.protect) };
    if (!old) {
      steps.push({ ...base, op: 'create', old: null, inputs: res.inputs, diffReasons: [], replaceReasons: [], detailedDiff: null });
      continue;
    }
    const d = diffInputs(old.inputs ?? {}, res.inputs, res.options);
    let op = 'same';
    if (d.replaceReasons.length > 0) op = 'replace';
    else if (d.diffReasons.length > 0) op = 'update';
    steps.push({ ...base, op, old, inputs: d.inputs, diffReasons: d.diffReasons, replaceReasons: d.replaceReasons, detailedDiff: op === 'same' ? null : d.detailedDiff });
  }
  const deletes = [];
  for (const [urn, old] of live) {
    if (wanted.has(urn)) continue;
    const parts = urn.split('::');
    deletes.push({ op: 'delete', urn, type: old.type ?? parts[2], name: parts[3], old, inputs: null, diffReasons: [], replaceReasons: [], detailedDiff: null, protect: Boolean(old.protect) });
  }
  steps.push(...deletes.reverse());
  return steps;
}

/**
 * `--target URN` (repeatable): only those resources change; the other steps of existing
 * resources are `same` and the other creates are skipped, as real pulumi does.
 */
export function targetSteps(steps, targets) {
  if (!targets || targets.length === 0) return steps;
  const wanted = new Set(targets);
  const kept = [];
  for (const step of steps) {
    if (step.root || step.op === 'same' || wanted.has(step.urn)) kept.push(step);
    else if (step.old) kept.push({ ...step, op: 'same', inputs: step.old.inputs, diffReasons: [], replaceReasons: [], detailedDiff: null });
  }
  return kept;
}

/** op -> count over every step, `same` included. */
export function changeSummary(steps) {
  const summary = {};
  for (const s of steps) summary[s.op] = (summary[s.op] ?? 0) + 1;
  return summary;
}

const NON_CHANGES = new Set(['same', 'read', 'discard', 'read-replacement']);

export function hasChanges(summary) {
  return Object.entries(summary).some(([op, n]) => n > 0 && !NON_CHANGES.has(op));
}

/**
 * What a refresh finds: live resources with PULUMI_EMULATOR_DRIFT applied. Returns
 * { refreshed: Map, steps } where drifted resources are `update` (or `delete` when gone).
 */
export function refreshSteps({ stack, project, live, drifts }) {
  const root = rootUrn(stack, project);
  const steps = [{ op: 'same', urn: root, type: ROOT_TYPE, name: `${project}-${stack}`, old: live.get(root) ?? null, root: true }];
  const refreshed = new Map(live);
  for (const [urn, old] of live) {
    if (urn === root) continue;
    const name = urn.split('::')[3];
    const base = { urn, type: old.type, name, old, diffReasons: [], replaceReasons: [], detailedDiff: null, refresh: true };
    const drift = drifts.get(name);
    if (drift?.deleted) {
      refreshed.delete(urn);
      steps.push({ ...base, op: 'delete', inputs: null });
      continue;
    }
    const inputs = drift ? { ...(old.inputs ?? {}), ...drift.props } : old.inputs ?? {};
    const d = diffInputs(old.inputs ?? {}, inputs);
    if (d.diffReasons.length === 0) {
      steps.push({ ...base, op: 'same', inputs });
      continue;
    }
    refreshed.set(urn, { ...old, inputs, outputs: inputs });
    steps.push({ ...base, op: 'update', inputs, diffReasons: d.diffReasons, detailedDiff: d.detailedDiff });
  }
  return { refreshed, steps };
}
