import os from 'node:os';
import { commitSubject } from '../git/git.js';
import { Ledger, type LedgerEntry } from '../state/ledger.js';
import { currentUser } from '../state/lock.js';
import type { LayerOutcome } from './outcome.js';
import type { ApplyRequest } from './request.js';
import type { Workspace } from './workspace.js';

const LEDGER_STATUS: Record<LayerOutcome['status'], LedgerEntry['status']> = {
  applied: 'applied',
  'in-sync': 'in-sync',
  failed: 'failed',
  interrupted: 'interrupted',
  skipped: 'skipped',
  changes: 'skipped',
};

/**
 * Writes one ledger line per layer of an apply. A failed write does not stop the other layers: it is
 * kept and reported after every layer has finished (the lock is held until then).
 */
export class Recorder {
  private readonly ledger: Ledger;
  private readonly startedAt = new Date().toISOString();
  readonly failures: string[] = [];
  readonly notices: string[] = [];

  private constructor(
    private readonly workspace: Workspace,
    private readonly runId: string,
    private readonly dirty: boolean,
    private readonly rollbackOf: string | null,
    private readonly reason: Pick<LedgerEntry, 'message' | 'messageSource'>,
  ) {
    this.ledger = new Ledger(workspace.repo.gitDir);
  }

  static async create(workspace: Workspace, runId: string, request: ApplyRequest, dirty: boolean): Promise<Recorder> {
    return new Recorder(workspace, runId, dirty, request.rollbackOf ?? null, await reason(request, workspace));
  }

  record(outcome: LayerOutcome): void {
    try {
      const notice = this.ledger.append(this.entry(outcome));
      if (notice && !this.notices.includes(notice)) this.notices.push(notice);
    } catch (error) {
      this.failures.push(`${outcome.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private entry(outcome: LayerOutcome): LedgerEntry {
    return {
      runId: this.runId,
      layer: outcome.name,
      kind: outcome.kind,
      commit: this.workspace.commit,
      ref: this.workspace.ref,
      startedAt: this.startedAt,
      finishedAt: new Date().toISOString(),
      status: LEDGER_STATUS[outcome.status],
      summary: outcome.summary,
      dirty: this.dirty,
      rollbackOf: this.rollbackOf,
      user: currentUser(),
      host: os.hostname(),
      error: outcome.error?.message ?? (outcome.status === 'skipped' || outcome.status === 'changes' ? (outcome.reason ?? 'not applied') : null),
      ...this.reason,
      notes: outcome.notes.length > 0 ? outcome.notes : undefined,
    };
  }
}

async function reason(request: ApplyRequest, workspace: Workspace): Promise<Pick<LedgerEntry, 'message' | 'messageSource'>> {
  if (request.message) return { message: request.message, messageSource: 'given' };
  if (request.rollbackOf) return { message: `rollback from ${request.rollbackOf.slice(0, 12)}`, messageSource: 'rollback' };
  if (!workspace.commit) return { message: null, messageSource: null };
  return { message: await commitSubject(workspace.repo.root, workspace.commit), messageSource: 'commit' };
}
