/**
 * Pulumi step ops → blumeops changes, shared by the preview digest and the up event stream.
 * Both are first reduced to a StepView, so one set of rules decides what counts as a change.
 */
import type { Change, ChangeAction } from '../../src/reconciler.js';
import { diffText, safeStringify } from './diff-text.js';
import type { PreviewStep, StepEventMetadata } from './schema.js';
import { isStackUrn, resourceLabel } from './urn.js';

/** One step, whichever output it came from. */
export interface StepView {
  op: string;
  urn: string;
  type?: string;
  oldInputs?: Record<string, unknown>;
  oldOutputs?: Record<string, unknown>;
  newInputs?: Record<string, unknown>;
  diffReasons: string[];
  replaceReasons: string[];
  /** Property path → diff kind (`add`, `update`, `delete-replace`, …); empty when pulumi sent none. */
  detailedDiff: Record<string, string>;
}

/**
 * Ops that change something. `import` adopts an existing resource into the stack: it writes state,
 * so it is a change, shown as a create. The replacement steps fold into one replace per URN.
 */
const ACTIONS: Record<string, ChangeAction> = {
  create: 'create',
  import: 'create',
  update: 'update',
  delete: 'delete',
  replace: 'replace',
  'create-replacement': 'replace',
  'delete-replaced': 'replace',
  'import-replacement': 'replace',
};

/** Ops that change nothing on the providers (reads, refreshes, state bookkeeping). */
const NO_CHANGE_OPS = new Set(['same', 'read', 'read-replacement', 'refresh', 'discard', 'discard-replaced', 'remove-pending-replace', 'diff', 'extend-parameterize']);

export function changeAction(op: string): ChangeAction | undefined {
  return Object.hasOwn(ACTIONS, op) ? ACTIONS[op] : undefined;
}

/** An op this kind does not know (a newer pulumi): not counted as a change, but worth a warning. */
export function isUnknownOp(op: string): boolean {
  return changeAction(op) === undefined && !NO_CHANGE_OPS.has(op);
}

function kinds(diff: Record<string, { kind?: string | null; diffKind?: string | null }> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, entry] of Object.entries(diff ?? {})) out[path] = entry.kind ?? entry.diffKind ?? 'update';
  return out;
}

export function fromPreviewStep(step: PreviewStep): StepView {
  return {
    op: step.op,
    urn: step.urn,
    type: step.newState?.type ?? step.oldState?.type ?? undefined,
    oldInputs: step.oldState?.inputs ?? undefined,
    oldOutputs: step.oldState?.outputs ?? undefined,
    newInputs: step.newState?.inputs ?? undefined,
    diffReasons: step.diffReasons ?? [],
    replaceReasons: step.replaceReasons ?? [],
    detailedDiff: kinds(step.detailedDiff),
  };
}

export function fromEventMetadata(metadata: StepEventMetadata): StepView {
  return {
    op: metadata.op,
    urn: metadata.urn,
    type: metadata.new?.type ?? metadata.old?.type ?? metadata.type ?? undefined,
    oldInputs: metadata.old?.inputs ?? undefined,
    oldOutputs: metadata.old?.outputs ?? undefined,
    newInputs: metadata.new?.inputs ?? undefined,
    diffReasons: metadata.diffs ?? [],
    replaceReasons: metadata.keys ?? [],
    detailedDiff: kinds(metadata.detailedDiff),
  };
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** The steps of one replacement (`replace`, `create-replacement`, `delete-replaced`) as one. */
function merge(into: StepView, step: StepView): StepView {
  const detailedDiff = { ...into.detailedDiff };
  for (const [path, kind] of Object.entries(step.detailedDiff)) detailedDiff[path] ??= kind;
  return {
    op: 'replace',
    urn: into.urn,
    type: into.type ?? step.type,
    oldInputs: into.oldInputs ?? step.oldInputs,
    oldOutputs: into.oldOutputs ?? step.oldOutputs,
    // The delete-replaced step only knows the old resource.
    newInputs: into.newInputs ?? (step.op === 'delete-replaced' ? undefined : step.newInputs),
    diffReasons: union(into.diffReasons, step.diffReasons),
    replaceReasons: union(into.replaceReasons, step.replaceReasons),
    detailedDiff,
  };
}

/** Steps → changes in first-seen order: no-change ops dropped, replacement steps folded per URN. */
export function foldSteps(steps: readonly StepView[]): Change[] {
  const groups = new Map<string, StepView>();
  for (const step of steps) {
    const action = changeAction(step.op);
    // The root pulumi:pulumi:Stack resource is the stack's own record (pulumi creates it on the first
    // update): nothing in the world changes with it.
    if (!action || isStackUrn(step.urn)) continue;
    const key = `${action} ${step.urn}`;
    const seen = groups.get(key);
    if (action === 'replace') {
      groups.set(key, merge(seen ?? { op: 'replace', urn: step.urn, diffReasons: [], replaceReasons: [], detailedDiff: {} }, step));
    } else if (!seen) {
      groups.set(key, step);
    }
  }
  return [...groups.values()].map(describeStep);
}

const MAX_PROPERTIES = 8;

/** Inputs the SDK adds for itself (a dynamic provider's pickled `__provider`): never a property to show. */
function isInternal(key: string): boolean {
  return key.startsWith('__');
}

/** Own keys only: `toString` missing from `before` is missing, not Object's method. */
function differing(before: Record<string, unknown> | undefined, after: Record<string, unknown>): string[] {
  const old = (key: string) => (before && Object.hasOwn(before, key) ? before[key] : undefined);
  return Object.keys(after).filter((key) => !isInternal(key) && safeStringify(old(key)) !== safeStringify(after[key]));
}

/**
 * The properties of an update whose provider named none (a Python dynamic provider sends neither
 * detailedDiff nor diffReasons): the inputs that changed, else, when a refresh found the resource
 * changed behind pulumi's back, the outputs that no longer match the inputs (`drift`).
 */
function inferredProperties(step: StepView): { properties: string[]; drift: boolean } {
  if (!step.newInputs) return { properties: [], drift: false };
  const changed = differing(step.oldInputs, step.newInputs);
  if (changed.length > 0 || !step.oldOutputs) return { properties: changed, drift: false };
  const drifted = differing(step.oldOutputs, step.newInputs).filter((key) => Object.hasOwn(step.oldOutputs!, key));
  return { properties: drifted, drift: drifted.length > 0 };
}

function propertyList(names: string[]): string {
  const shown = names.slice(0, MAX_PROPERTIES).join(', ');
  return names.length > MAX_PROPERTIES ? `${shown}, … (+${names.length - MAX_PROPERTIES} more)` : shown;
}

/** A change with its summary (`TYPE NAME: a, b (replace: a)`) and, for updates and replaces, a diff. */
export function describeStep(step: StepView): Change {
  const action = changeAction(step.op) ?? 'update';
  const label = resourceLabel(step.urn, step.type);
  if (action === 'create' || action === 'delete') {
    return { action, target: step.urn, summary: step.op === 'import' ? `${label} (import)` : label };
  }
  const detailed = Object.keys(step.detailedDiff);
  const reasons = step.diffReasons.length > 0 || action !== 'replace' ? step.diffReasons : step.replaceReasons;
  const named = detailed.length > 0 ? detailed : reasons;
  const { properties, drift } = named.length > 0 ? { properties: named, drift: false } : inferredProperties(step);
  let summary = properties.length > 0 ? `${label}: ${propertyList(properties)}` : label;
  if (drift) summary += ' (drift)';
  if (action === 'replace' && step.replaceReasons.length > 0) summary += ` (replace: ${propertyList(step.replaceReasons)})`;
  const diff = diffText(properties, drift ? step.oldOutputs : step.oldInputs, step.newInputs);
  return diff === undefined ? { action, target: step.urn, summary } : { action, target: step.urn, summary, diff };
}
