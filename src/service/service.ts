import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BlumeopsError } from '../errors.js';
import { readHistory, type HistoryResult } from '../engine/history.js';
import type { CycleResult } from '../engine/watch/cycle.js';
import type { WatchEvent } from '../engine/watch/loop.js';
import { redactDeep, registerSecret } from '../exec/redact.js';
import { onToolRun } from '../exec/tool-runs.js';
import { packageRoot } from '../package-root.js';
import { parseListen, resolveToken } from './listen.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js';

export interface ServiceRequest {
  /** HOST:PORT (`--listen`). */
  listen: string;
  tokenFile?: string;
  env: NodeJS.ProcessEnv;
  repo?: string;
  intervalMs: number;
  /** Failed cycles in a row after which /healthz answers 503. */
  unhealthyAfter: number;
  /** Told when the page stops serving while the loop goes on. */
  onFailure(message: string): void;
}

export interface Service {
  /** Where the page is, e.g. http://127.0.0.1:9387/ */
  url: string;
  tokenRequired: boolean;
  /** What the watch loop tells the service. */
  cycle(result: CycleResult): void;
  event(event: WatchEvent): void;
  close(): Promise<void>;
}

/** How long a closing HTTP thread may take to let its clients go. */
const CLOSE_GRACE_MS = 3000;

/**
 * `watch --listen`: the status page, its API, events, metrics and health, served by a thread of its
 * own from what the loop reports (nothing there plans, applies or reads Git). Everything sent to it
 * is masked first. Refuses to start on a non-loopback address without a token; the token is masked
 * like every secret.
 */
export async function startService(request: ServiceRequest): Promise<Service> {
  const address = parseListen(request.listen);
  const token = resolveToken(address, request.tokenFile, request.env);
  if (token) registerSecret(token);
  const file = path.join(packageRoot(), 'dist', 'http-worker.js');
  if (!existsSync(file)) throw new BlumeopsError(`the status page's server is missing (${file})`, { hint: 'rebuild blumeops (npm run build)' });
  const setup: WorkerSetup = { address, token, intervalMs: request.intervalMs, unhealthyAfter: request.unhealthyAfter };
  const worker = new Worker(pathToFileURL(file), { workerData: setup });
  const port = await started(worker);
  let closing = false;
  worker.on('error', (error) => request.onFailure(`the status page stopped: ${error.message}`));
  worker.on('exit', (code) => (closing ? undefined : request.onFailure(`the status page stopped (its thread exited ${code})`)));

  const post = (message: ToWorker) => worker.postMessage(redactDeep(message));
  const ledger = async (): Promise<HistoryResult> =>
    readHistory(request.repo, undefined).catch((error: unknown) => ({ entries: [], warnings: [`the ledger could not be read: ${error instanceof Error ? error.message : String(error)}`] }));
  // Cycles, events and ledger reads reach the page in the order they happened.
  let queue: Promise<void> = ledger().then((history) => post({ type: 'history', history }));
  const next = (step: () => Promise<void> | void) => (queue = queue.then(step, step));
  const stopCounting = onToolRun((tool, result) => post({ type: 'tool-run', tool, result }));

  return {
    url: `http://${address.host.includes(':') ? `[${address.host}]` : address.host}:${port}/`,
    tokenRequired: token !== undefined,
    cycle: (result) => next(async () => post({ type: 'cycle', result, history: await ledger() })),
    event: (event) =>
      next(async () => {
        post({ type: 'event', event });
        if (event.type === 'layer-applied') post({ type: 'history', history: await ledger() });
      }),
    close: async () => {
      stopCounting();
      await queue;
      closing = true;
      const closed = new Promise<void>((resolve) => {
        worker.on('message', (message: FromWorker) => (message.type === 'closed' ? resolve() : undefined));
        setTimeout(resolve, CLOSE_GRACE_MS).unref();
      });
      worker.postMessage({ type: 'close' } satisfies ToWorker);
      await closed;
      await worker.terminate();
    },
  };
}

/** Waits for the HTTP thread to listen; its failure (port in use, assets missing) is the command's. */
function started(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once('message', (message: FromWorker) => {
      if (message.type === 'listening') resolve(message.port);
      else if (message.type === 'failed') void worker.terminate().then(() => reject(new BlumeopsError(message.message, { hint: message.hint })));
    });
    worker.once('error', (error) => reject(error));
    worker.once('exit', (code) => reject(new BlumeopsError(`the status page's thread exited (${code}) before it listened`)));
  });
}
