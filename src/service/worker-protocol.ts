import type { HistoryResult } from '../engine/history.js';
import type { CycleResult } from '../engine/watch/cycle.js';
import type { WatchEvent } from '../engine/watch/loop.js';
import type { ToolRunResult } from '../exec/tool-runs.js';
import type { ListenAddress } from './listen.js';

/** What the HTTP thread is started with. */
export interface WorkerSetup {
  address: ListenAddress;
  token: string | undefined;
  intervalMs: number;
  unhealthyAfter: number;
}

/** From the loop's thread to the HTTP thread: already masked. */
export type ToWorker =
  | { type: 'cycle'; result: CycleResult; history: HistoryResult | undefined }
  | { type: 'event'; event: WatchEvent }
  | { type: 'history'; history: HistoryResult }
  | { type: 'tool-run'; tool: string; result: ToolRunResult }
  | { type: 'close' };

export type FromWorker = { type: 'listening'; port: number } | { type: 'failed'; message: string; hint?: string } | { type: 'closed' };
