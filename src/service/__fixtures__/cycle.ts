import type { StatusLayer } from '../../engine/status-schema.js';
import type { CycleLayer, CycleResult } from '../../engine/watch/cycle.js';
import type { Change } from '../../reconciler.js';

/** A status row as `status` makes it (in sync, applied once), with `patch` on top. */
export function row(name: string, patch: Partial<StatusLayer> = {}): StatusLayer {
  return {
    name,
    kind: 'pulumi',
    state: 'in-sync',
    detail: '',
    reason: null,
    hint: null,
    lastApply: { commit: 'a'.repeat(40), status: 'applied', finishedAt: '2026-11-26T03:15:00.000Z', message: 'open ssh to indri' },
    commitsSince: [],
    drift: { checked: true, status: 'in-sync', summary: { create: 0, update: 0, delete: 0, replace: 0, sync: 0 }, warnings: [], error: null },
    autoSync: [],
    ...patch,
  };
}

export function change(index: number, diff?: string): Change {
  return { action: 'update', target: `urn:pulumi:s::p::t::r${index}`, summary: `t r${index}: acl`, diff };
}

/** A cycle's result over these rows; `changes` gives a layer's plan changes. */
export function cycleResult(rows: StatusLayer[], extra: { changes?: Record<string, Change[]>; needs?: Record<string, string[]> } = {}): CycleResult {
  const layers = rows.map(
    (layer): CycleLayer => ({
      name: layer.name,
      kind: layer.kind,
      needs: extra.needs?.[layer.name] ?? [],
      manages: { summary: `${layer.kind} layer ${layer.name}`, facts: ['a fact'] },
      plan: { status: layer.state === 'drifted' ? 'changes' : 'in-sync', changes: extra.changes?.[layer.name] ?? [], warnings: layer.drift.warnings, incomplete: false, durationMs: 120 },
    }),
  );
  return {
    rows,
    layers,
    document: { version: 1, command: 'status', repo: { root: '/srv/infra', head: 'b'.repeat(40) }, offline: false, layers: rows, warnings: [], exitCode: 0 },
    applies: [],
    summary: `${rows.length} layers`,
  };
}
