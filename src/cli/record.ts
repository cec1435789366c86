import os from 'node:os';
import type { LayerOutcome } from '../engine/outcome.js';
import type { RunSession } from '../engine/session.js';
import { appendLedger, type LedgerEntry } from '../state/ledger.js';
import { currentUser } from '../state/lock.js';
import type { Workspace } from './workspace.js';

export interface RecordContext {
  session: RunSession;
  workspace: Workspace;
  startedAt: string;
  dirty: boolean;
  rollbackOf: string | null;
  message: string | null;
  messageSource: LedgerEntry['messageSource'];
}

const LEDGER_STATUS: Record<LayerOutcome['status'], LedgerEntry['status']> = {
  applied: 'applied',
  'in-sync': 'in-sync',
  failed: 'failed',
  interrupted: 'interrupted',
  skipped: 'skipped',
  changes: 'skipped',
};

/** One ledger line for one layer of an apply. */
export function recordOutcome(context: RecordContext, outcome: LayerOutcome): void {
  appendLedger(context.workspace.repo.gitDir, {
    runId: context.session.runId,
    layer: outcome.name,
    kind: outcome.kind,
    commit: context.workspace.commit,
    ref: context.workspace.ref,
    startedAt: context.startedAt,
    finishedAt: new Date().toISOString(),
    status: LEDGER_STATUS[outcome.status],
    summary: outcome.summary,
    dirty: context.dirty,
    rollbackOf: context.rollbackOf,
    user: currentUser(),
    host: os.hostname(),
    error: outcome.error?.message ?? (outcome.status === 'skipped' ? (outcome.reason ?? 'not applied') : null),
    message: context.message,
    messageSource: context.messageSource,
    notes: outcome.notes.length > 0 ? outcome.notes : undefined,
  });
}
