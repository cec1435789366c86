import * as z from 'zod';
import { StatusLayer } from './status-schema.js';

/** The stable `blumeops context --format json` document (version 1). */
export const ContextLayer = StatusLayer.extend({
  needs: z.array(z.string()),
  paths: z.array(z.string()),
  manages: z.strictObject({ summary: z.string(), facts: z.array(z.string()), detail: z.array(z.string()) }),
  /** The changes a plan found, one line each (when drift was checked). */
  changes: z.array(z.string()),
  /** The command that brings this layer back to Git, when it is not in sync. */
  fix: z.string().nullable(),
});
export type ContextLayer = z.infer<typeof ContextLayer>;

export const ContextDocument = z.strictObject({
  version: z.literal(1),
  command: z.literal('context'),
  generatedAt: z.string(),
  offline: z.boolean(),
  repo: z.strictObject({
    root: z.string(),
    remote: z.string().nullable(),
    branch: z.string().nullable(),
    head: z.strictObject({ sha: z.string().nullable(), subject: z.string() }),
    uncommitted: z.array(z.string()),
    unpushed: z.number().nullable(),
  }),
  layers: z.array(ContextLayer),
  warnings: z.array(z.string()),
  commands: z.array(z.string()),
  /** What --max-bytes removed, so a reader knows the document is partial. */
  trimmed: z.array(z.string()),
});
export type ContextDocument = z.infer<typeof ContextDocument>;
