import * as z from 'zod';

/** The stable `status --json` document (version 1). */
export const LayerStateValues = ['in-sync', 'drifted', 'unapplied', 'unknown', 'error'] as const;
export type LayerState = (typeof LayerStateValues)[number];

const Summary = z.object({ create: z.number(), update: z.number(), delete: z.number(), replace: z.number(), sync: z.number() });

/** A unit the layer's tool syncs by itself (an ArgoCD app with auto-sync), on its own line. */
const AutoSyncLine = z.strictObject({
  target: z.string(),
  state: z.enum(['converging', 'in-sync', 'failing']),
  summary: z.string(),
  mode: z.string(),
});

export const StatusLayer = z.strictObject({
  name: z.string(),
  kind: z.string(),
  state: z.enum(LayerStateValues),
  detail: z.string(),
  /** Why the state is `unknown`: the tool could not look. */
  reason: z.enum(['tool-missing', 'not-signed-in', 'unreachable', 'secret-unavailable']).nullable(),
  /** What to do about an `unknown` or `error` state. */
  hint: z.string().nullable(),
  lastApply: z.strictObject({ commit: z.string().nullable(), status: z.string(), finishedAt: z.string(), message: z.string().nullable() }).nullable(),
  commitsSince: z.array(z.strictObject({ sha: z.string(), subject: z.string() })),
  drift: z.strictObject({ checked: z.boolean(), status: z.string().nullable(), summary: Summary.nullable(), warnings: z.array(z.string()), error: z.string().nullable() }),
  /** Units the tool syncs by itself (empty when drift was not checked): converging, in-sync or failing. */
  autoSync: z.array(AutoSyncLine),
});
export type StatusLayer = z.infer<typeof StatusLayer>;

export const StatusDocument = z.strictObject({
  version: z.literal(1),
  command: z.literal('status'),
  repo: z.strictObject({ root: z.string(), head: z.string().nullable() }),
  offline: z.boolean(),
  layers: z.array(StatusLayer),
  warnings: z.array(z.string()),
  exitCode: z.number(),
});
export type StatusDocument = z.infer<typeof StatusDocument>;
