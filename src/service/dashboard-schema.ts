import * as z from 'zod';
import type { DashboardDocument as DashboardType } from './dashboard-model.js';

/** The zod schema of the page's document (dashboard-model.ts), for tests and for anyone reading the API. */
const Summary = z.strictObject({ create: z.number(), update: z.number(), delete: z.number(), replace: z.number(), sync: z.number() });
const Action = z.enum(['create', 'update', 'delete', 'replace', 'sync']);

export const BoardLayer = z.strictObject({
  name: z.string(),
  kind: z.string(),
  needs: z.array(z.string()),
  state: z.enum(['in-sync', 'drifted', 'unapplied', 'unknown', 'error', 'applying']),
  detail: z.string(),
  hint: z.string().nullable(),
  manages: z.strictObject({ summary: z.string(), facts: z.array(z.string()) }).nullable(),
  lastApply: z.strictObject({ commit: z.string().nullable(), status: z.string(), finishedAt: z.string(), message: z.string().nullable() }).nullable(),
  commitsSince: z.array(z.strictObject({ sha: z.string(), subject: z.string() })),
  autoSync: z.array(z.strictObject({ target: z.string(), state: z.enum(['converging', 'in-sync', 'failing']), summary: z.string(), mode: z.string() })),
  plan: z.strictObject({
    checked: z.boolean(),
    status: z.string().nullable(),
    summary: Summary.nullable(),
    changes: z.array(z.strictObject({ action: Action, target: z.string(), summary: z.string(), diff: z.string().nullable(), diffCut: z.boolean() })),
    omitted: z.number().int().min(0),
    warnings: z.array(z.string()),
    incomplete: z.boolean(),
    error: z.string().nullable(),
    durationMs: z.number().nullable(),
  }),
});

export const TimelineEntry = z.strictObject({
  layer: z.string(),
  kind: z.string(),
  commit: z.string().nullable(),
  status: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  message: z.string().nullable(),
  summary: Summary,
  error: z.string().nullable(),
  user: z.string(),
  rollbackOf: z.string().nullable(),
});

export const LoopInfo = z.strictObject({
  phase: z.enum(['starting', 'running', 'waiting', 'stopped']),
  intervalMs: z.number(),
  cycle: z.number().int().min(0),
  lastCycle: z.strictObject({ cycle: z.number(), finishedAt: z.string(), durationMs: z.number(), ok: z.boolean(), summary: z.string() }).nullable(),
  nextCycleAt: z.string().nullable(),
  lastError: z.strictObject({ at: z.string(), message: z.string() }).nullable(),
  consecutiveFailures: z.number().int().min(0),
  healthy: z.boolean(),
  applying: z.array(z.string()),
});

export const DashboardDocument = z.strictObject({
  version: z.literal(1),
  generatedAt: z.string(),
  repo: z.strictObject({ root: z.string(), head: z.string().nullable() }).nullable(),
  loop: LoopInfo,
  layers: z.array(BoardLayer),
  timeline: z.array(TimelineEntry),
  warnings: z.array(z.string()),
});
export type DashboardDocument = z.infer<typeof DashboardDocument>;

// The schema and the plain types must describe the same document.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const SCHEMA_MATCHES_TYPES: Same<DashboardDocument, DashboardType> = true;
