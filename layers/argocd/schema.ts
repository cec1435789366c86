/**
 * The argocd kind's keys in blumeops.yaml. The engine validates and removes the common keys
 * (kind, needs, env, paths, timeout) first; the API token comes from the layer's
 * `env: { ARGOCD_AUTH_TOKEN: op://… }`, so it is never a key here and never on argv.
 */
import * as z from 'zod';
import { parseDuration } from '../../src/duration.js';

function isDurationText(text: string): boolean {
  try {
    parseDuration(text);
    return true;
  } catch {
    return false;
  }
}

export const ArgocdConfig = z
  .strictObject({
    /** Folder of Application manifests, relative to the repo root (required), e.g. `argocd/apps`. */
    apps: z.string().min(1, 'give the folder of Application manifests, e.g. argocd/apps'),
    /** Name of the app-of-apps Application that creates the others; without it blumeops cannot create or prune apps. */
    root: z.string().min(1).optional(),
    /** API server `HOST:PORT` (`--server`); default: ARGOCD_SERVER or the argocd CLI's current context. */
    server: z.string().min(1).optional(),
    /** Use gRPC-web (`--grpc-web`), needed behind HTTP/1 proxies. Default false. */
    grpcWeb: z.boolean().optional(),
    /** Core mode (`--core`): no API server, the kubeconfig's current context. Default false. */
    core: z.boolean().optional(),
    /** Delete apps (and resources) that left Git when syncing. Default false: orphans are reported and kept. */
    prune: z.boolean().default(false),
    /** After each sync, wait for the app to be synced and healthy. Default true. */
    wait: z.boolean().default(true),
    /** How long one sync or wait may take, e.g. `90s`, `10m`. Default `5m`. */
    waitTimeout: z
      .string()
      .refine(isDurationText, { message: 'expected a duration such as 90s, 5m or 1h30m' })
      .default('5m'),
    /** How many apps are synced at once. Default 4. */
    concurrency: z.number().int().min(1).max(64).default(4),
    /**
     * How long an app that ArgoCD syncs by itself (`syncPolicy.automated`) may stay OutOfSync before
     * blumeops calls its auto-sync stuck (a problem, not "converging"). Default `5m`.
     */
    autoSyncGrace: z
      .string()
      .refine(isDurationText, { message: 'expected a duration such as 90s, 5m or 1h30m' })
      .default('5m'),
  })
  .superRefine((config, issues) => {
    if (config.core && config.server !== undefined) {
      issues.addIssue({
        code: 'custom',
        path: ['server'],
        message: 'core mode talks to Kubernetes directly and uses no server; drop server or core',
      });
    }
  });

export type ArgocdConfig = z.infer<typeof ArgocdConfig>;

// ---- argocd output (permissive: a new argocd version must not break plan over a field we do not read) ----

const LiveSource = z.looseObject({
  repoURL: z.string().optional(),
  path: z.string().optional(),
  targetRevision: z.string().optional(),
  chart: z.string().optional(),
  ref: z.string().optional(),
  helm: z.looseObject({ valueFiles: z.array(z.string()).nullish() }).nullish(),
});
export type LiveSource = z.infer<typeof LiveSource>;

const LiveResource = z.looseObject({
  group: z.string().optional(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
  status: z.string().optional(),
  requiresPruning: z.boolean().optional(),
});

/** One Application as `argocd app list -o json` / `app sync -o json` print it (docs/tools/argocd.md). */
export const LiveApp = z.looseObject({
  metadata: z.looseObject({
    name: z.string(),
    namespace: z.string().optional(),
    labels: z.record(z.string(), z.string()).nullish(),
    annotations: z.record(z.string(), z.string()).nullish(),
    creationTimestamp: z.string().nullish(),
  }),
  spec: z
    .looseObject({
      project: z.string().optional(),
      source: LiveSource.nullish(),
      sources: z.array(LiveSource).nullish(),
      destination: z
        .looseObject({ server: z.string().optional(), name: z.string().optional(), namespace: z.string().optional() })
        .optional(),
      syncPolicy: z
        .looseObject({
          automated: z.looseObject({ enabled: z.boolean().nullish(), prune: z.boolean().nullish(), selfHeal: z.boolean().nullish() }).nullish(),
        })
        .nullish(),
    })
    .default({}),
  status: z
    .looseObject({
      sync: z
        .looseObject({
          status: z.string().optional(),
          revision: z.string().optional(),
          revisions: z.array(z.string()).nullish(),
          comparedTo: z.looseObject({ source: LiveSource.nullish(), sources: z.array(LiveSource).nullish() }).nullish(),
        })
        .optional(),
      health: z.looseObject({ status: z.string().optional(), message: z.string().optional() }).optional(),
      operationState: z
        .looseObject({
          operation: z.looseObject({ initiatedBy: z.looseObject({ automated: z.boolean().nullish() }).nullish() }).nullish(),
          phase: z.string().optional(),
          message: z.string().optional(),
          startedAt: z.string().optional(),
          finishedAt: z.string().nullish(),
          syncResult: z
            .looseObject({
              revision: z.string().optional(),
              revisions: z.array(z.string()).nullish(),
              source: LiveSource.nullish(),
              sources: z.array(LiveSource).nullish(),
            })
            .nullish(),
        })
        .nullish(),
      resources: z.array(LiveResource).nullish(),
      conditions: z
        .array(z.looseObject({ type: z.string().optional(), message: z.string().optional(), lastTransitionTime: z.string().nullish() }))
        .nullish(),
    })
    .default({}),
});
export type LiveApp = z.infer<typeof LiveApp>;
