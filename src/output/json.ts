import * as z from 'zod';
import type { LayerOutcome } from '../engine/outcome.js';
import { redactDeep } from '../exec/redact.js';
import { autoSyncOf } from './format.js';

/** The stable `--json` document of plan and apply. Version it; a test holds it. */
export const JSON_VERSION = 1;

const Summary = z.strictObject({ create: z.number(), update: z.number(), delete: z.number(), replace: z.number(), sync: z.number() });

export const JsonChange = z.strictObject({
  action: z.enum(['create', 'update', 'delete', 'replace', 'sync']),
  target: z.string(),
  summary: z.string(),
  diff: z.string().optional(),
  group: z.string().optional(),
});

/** A unit the tool syncs by itself (Plan.autoSync): not a change blumeops makes. */
export const JsonAutoSync = z.strictObject({
  target: z.string(),
  state: z.enum(['converging', 'in-sync', 'failing']),
  summary: z.string(),
  mode: z.string(),
  group: z.string().optional(),
  paths: z.array(z.string()).optional(),
});

export const JsonLayerError = z.strictObject({
  message: z.string(),
  hint: z.string().nullable(),
  tool: z.string().nullable(),
  exitCode: z.number().nullable(),
  log: z.string().nullable(),
});

export const JsonLayer = z.strictObject({
  name: z.string(),
  kind: z.string(),
  status: z.enum(['in-sync', 'changes', 'applied', 'failed', 'skipped', 'interrupted']),
  summary: Summary,
  changes: z.array(JsonChange),
  /** What the tool converges on by itself, from the plan (empty once applied). */
  autoSync: z.array(JsonAutoSync),
  warnings: z.array(z.string()),
  notes: z.array(z.string()),
  incomplete: z.boolean(),
  reason: z.string().nullable(),
  error: JsonLayerError.nullable(),
  durationMs: z.number(),
});

export const RunDocument = z.strictObject({
  version: z.literal(JSON_VERSION),
  command: z.string(),
  runId: z.string(),
  repo: z.strictObject({ root: z.string(), head: z.string().nullable(), ref: z.string(), commit: z.string().nullable(), dirty: z.boolean() }),
  layers: z.array(JsonLayer),
  notices: z.array(z.string()),
  exitCode: z.number(),
});
export type RunDocument = z.infer<typeof RunDocument>;

export function jsonLayer(outcome: LayerOutcome): z.infer<typeof JsonLayer> {
  return {
    name: outcome.name,
    kind: outcome.kind,
    status: outcome.status,
    summary: outcome.summary,
    changes: outcome.changes.map((change) => ({ ...change })),
    autoSync: autoSyncOf(outcome).map((unit) => ({ ...unit })),
    warnings: outcome.warnings,
    notes: outcome.notes,
    incomplete: outcome.incomplete,
    reason: outcome.reason ?? null,
    error: outcome.error
      ? { message: outcome.error.message, hint: outcome.error.hint ?? null, tool: outcome.error.tool ?? null, exitCode: outcome.error.exitCode ?? null, log: outcome.error.log ?? null }
      : null,
    durationMs: outcome.durationMs,
  };
}

/** Prints exactly one JSON document on stdout, secrets masked. */
export function printJson(document: unknown): void {
  process.stdout.write(`${JSON.stringify(redactDeep(document), null, 2)}\n`);
}
