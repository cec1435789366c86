/**
 * The part of an Application that blumeops compares between Git and ArgoCD, normalized so that
 * a manifest and `argocd app list` output compare field by field. Pure; no zod, no I/O.
 */
import type { LiveApp, LiveSource } from './schema.js';
import { syncModeFields, syncModeOf, type SyncMode } from './sync-mode.js';

export interface SourceSpec {
  repoURL: string;
  path?: string;
  /** `HEAD` when unset (ArgoCD's own default). */
  targetRevision: string;
  chart?: string;
  ref?: string;
  valueFiles: string[];
}

export interface AppSpec {
  project: string;
  destination: { server?: string; name?: string; namespace?: string };
  /** True for `spec.sources[]`, false for `spec.source`. */
  multiSource: boolean;
  sources: SourceSpec[];
  /** `spec.syncPolicy.automated`; absent means manual. */
  sync?: SyncMode;
}

/** An Application as Git declares it, with where it was declared (repo-relative file, 1-based line/col). */
export interface DesiredApp {
  name: string;
  spec: AppSpec;
  file: string;
  line: number;
  col: number;
}

export interface SpecDiff {
  /** Changed fields, e.g. `spec.source.path`, `spec.destination.namespace`. */
  fields: string[];
  /** Set when the only difference is a targetRevision: someone pointed the app at a branch to test. */
  pinned?: { live: string; git: string };
}

/** Normalizes one source as it appears in a manifest or in argocd output. */
export function sourceSpec(source: LiveSource): SourceSpec {
  const path = source.path?.replace(/^\.\//, '').replace(/\/+$/, '');
  return {
    repoURL: source.repoURL ?? '',
    path: path === '' ? undefined : path,
    targetRevision: source.targetRevision || 'HEAD',
    chart: source.chart || undefined,
    ref: source.ref || undefined,
    valueFiles: source.helm?.valueFiles ?? [],
  };
}

export function liveSpec(app: LiveApp): AppSpec {
  const { spec } = app;
  const multiSource = (spec.sources?.length ?? 0) > 0;
  const raw = multiSource ? (spec.sources ?? []) : spec.source ? [spec.source] : [];
  return {
    project: spec.project ?? '',
    destination: { ...spec.destination },
    multiSource,
    sources: raw.map(sourceSpec),
    sync: syncModeOf(spec.syncPolicy),
  };
}

/** The destination cluster, used to group changes in the output. */
export function clusterOf(spec: AppSpec): string {
  return spec.destination.server ?? spec.destination.name ?? '';
}

const SOURCE_FIELDS = ['repoURL', 'path', 'targetRevision', 'chart', 'ref'] as const;

export function diffSpec(git: AppSpec, live: AppSpec): SpecDiff {
  const fields: string[] = [];
  let pinned: SpecDiff['pinned'];
  if (git.multiSource !== live.multiSource || git.sources.length !== live.sources.length) {
    fields.push(git.multiSource || live.multiSource ? 'spec.sources' : 'spec.source');
  } else {
    git.sources.forEach((want, index) => {
      const have = live.sources[index];
      const prefix = git.multiSource ? `spec.sources[${index}]` : 'spec.source';
      for (const field of SOURCE_FIELDS) {
        if (want[field] === have[field]) continue;
        fields.push(`${prefix}.${field}`);
        if (field === 'targetRevision') pinned ??= { live: have.targetRevision, git: want.targetRevision };
      }
      if (want.valueFiles.join('\n') !== have.valueFiles.join('\n')) fields.push(`${prefix}.helm.valueFiles`);
    });
  }
  for (const key of ['server', 'name', 'namespace'] as const) {
    if ((git.destination[key] ?? '') !== (live.destination[key] ?? '')) fields.push(`spec.destination.${key}`);
  }
  if (git.project !== live.project) fields.push('spec.project');
  fields.push(...syncModeFields(git.sync, live.sync));
  const onlyRevisions = fields.length > 0 && fields.every((field) => field.endsWith('.targetRevision'));
  return onlyRevisions ? { fields, pinned } : { fields };
}
