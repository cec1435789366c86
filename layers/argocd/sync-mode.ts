/**
 * An Application's sync mode, from `spec.syncPolicy.automated` in Git or in ArgoCD (argo-cd
 * docs/user-guide/auto_sync.md): absent means manual; `automated: {}` (or `enabled: true`/null)
 * means ArgoCD syncs it by itself; `enabled: false` turns that off whatever prune and selfHeal say.
 */

export interface SyncMode {
  automated: boolean;
  /** Auto-sync also deletes resources that left Git. */
  prune: boolean;
  /** Auto-sync also puts live edits back (after ArgoCD's self-heal timeout). */
  selfHeal: boolean;
}

export type SyncModeLabel = 'manual' | 'automated' | 'automated+prune' | 'automated+selfHeal' | 'automated+prune+selfHeal';

export const MANUAL: SyncMode = { automated: false, prune: false, selfHeal: false };

/** The shape both a manifest and `argocd app list` give (permissive: unknown keys ignored). */
export interface SyncPolicyLike {
  automated?: { enabled?: boolean | null; prune?: boolean | null; selfHeal?: boolean | null } | null;
}

export function syncModeOf(policy: SyncPolicyLike | null | undefined): SyncMode {
  const automated = policy?.automated;
  if (automated === null || automated === undefined || automated.enabled === false) return MANUAL;
  return { automated: true, prune: automated.prune === true, selfHeal: automated.selfHeal === true };
}

export function syncModeLabel(mode: SyncMode | undefined): SyncModeLabel {
  if (!mode?.automated) return 'manual';
  return `automated${mode.prune ? '+prune' : ''}${mode.selfHeal ? '+selfHeal' : ''}` as SyncModeLabel;
}

/** The `spec.syncPolicy.automated…` fields that differ between Git's mode and the live one. */
export function syncModeFields(git: SyncMode | undefined, live: SyncMode | undefined): string[] {
  const want = git ?? MANUAL;
  const have = live ?? MANUAL;
  if (want.automated !== have.automated) return ['spec.syncPolicy.automated'];
  if (!want.automated) return [];
  const fields: string[] = [];
  if (want.prune !== have.prune) fields.push('spec.syncPolicy.automated.prune');
  if (want.selfHeal !== have.selfHeal) fields.push('spec.syncPolicy.automated.selfHeal');
  return fields;
}
