/**
 * What an Application manifest in Git must look like for blumeops to reconcile it. Permissive on
 * fields blumeops does not read (syncPolicy, ignoreDifferences, …), strict on the ones it compares.
 */
import * as z from 'zod';
import { sourceSpec, type AppSpec } from './spec.js';
import { syncModeOf } from './sync-mode.js';

const DNS_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

const ManifestSource = z.looseObject({
  repoURL: z.string().min(1, 'expected the repository URL'),
  path: z.string().optional(),
  // YAML reads `targetRevision: 1.10` as the number 1.1; Kubernetes rejects numbers here too.
  targetRevision: z.string({ error: 'expected a string: quote versions, e.g. "1.10"' }).optional(),
  chart: z.string().optional(),
  ref: z.string().optional(),
  helm: z.looseObject({ valueFiles: z.array(z.string()).optional() }).optional(),
});

const Destination = z
  .looseObject({ server: z.string().optional(), name: z.string().optional(), namespace: z.string().optional() })
  .superRefine((destination, issues) => {
    if (!destination.server && !destination.name) {
      issues.addIssue({ code: 'custom', message: 'expected server or name (the target cluster)' });
    } else if (destination.server && destination.name) {
      issues.addIssue({ code: 'custom', path: ['name'], message: 'give server or name, not both (ArgoCD rejects both)' });
    }
  });

const Flag = z.boolean({ error: 'expected true or false' }).nullish();

/** Only `automated` is read (syncOptions, retry, … are ArgoCD's business). */
const SyncPolicy = z.looseObject({
  automated: z.looseObject({ enabled: Flag, prune: Flag, selfHeal: Flag }).nullish(),
});

/** `$values/…` value files must name a `ref:` of another source of the same app. */
function checkRefs(sources: z.infer<typeof ManifestSource>[], issues: z.core.$RefinementCtx): void {
  const refs = new Set(sources.map((source) => source.ref).filter(Boolean));
  sources.forEach((source, index) => {
    (source.helm?.valueFiles ?? []).forEach((file, fileIndex) => {
      const ref = /^\$([^/]+)\//.exec(file)?.[1];
      if (ref === undefined || refs.has(ref)) return;
      issues.addIssue({
        code: 'custom',
        path: ['sources', index, 'helm', 'valueFiles', fileIndex],
        message: `no source has ref: ${ref} (the $${ref}/ prefix names a source's ref)`,
      });
    });
  });
}

export const ApplicationManifest = z.looseObject({
  apiVersion: z.string().startsWith('argoproj.io/', 'expected argoproj.io/v1alpha1'),
  kind: z.literal('Application'),
  metadata: z.looseObject({
    name: z.string().regex(DNS_NAME, 'expected a lowercase DNS name (a-z, 0-9, "-", ".")').max(253),
    namespace: z.string().optional(),
  }),
  spec: z
    .looseObject({
      project: z.string().min(1, 'expected the AppProject name, e.g. default'),
      source: ManifestSource.optional(),
      sources: z.array(ManifestSource).min(1, 'expected at least one source').optional(),
      destination: Destination,
      syncPolicy: SyncPolicy.nullish(),
    })
    .superRefine((spec, issues) => {
      if (!spec.source && !spec.sources) {
        issues.addIssue({ code: 'custom', message: 'expected spec.source or spec.sources[]' });
      }
      if (spec.sources) checkRefs(spec.sources, issues);
    }),
});
export type ApplicationManifest = z.infer<typeof ApplicationManifest>;

/** ArgoCD's rule: when `sources` is set, `source` is ignored. */
export function manifestSpec(manifest: ApplicationManifest): AppSpec {
  const { spec } = manifest;
  const multiSource = spec.sources !== undefined;
  const raw = spec.sources ?? (spec.source ? [spec.source] : []);
  return {
    project: spec.project,
    destination: { server: spec.destination.server, name: spec.destination.name, namespace: spec.destination.namespace },
    multiSource,
    sources: raw.map((source) => sourceSpec({ ...source, helm: source.helm })),
    sync: syncModeOf(spec.syncPolicy),
  };
}
