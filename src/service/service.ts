import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BlumeopsError } from '../errors.js';
import { readHistory } from '../engine/history.js';
import type { CycleResult } from '../engine/watch/cycle.js';
import type { WatchEvent } from '../engine/watch/loop.js';
import { registerSecret } from '../exec/redact.js';
import { onToolRun } from '../exec/tool-runs.js';
import { TokenCheck } from './auth.js';
import { Board } from './board.js';
import { parseListen, resolveToken, type ListenAddress } from './listen.js';
import { ServiceMetrics } from './metrics.js';
import { loadAssets } from './page.js';
import { createServiceServer } from './server.js';
import { EventHub } from './sse.js';

export interface ServiceRequest {
  /** HOST:PORT (`--listen`). */
  listen: string;
  tokenFile?: string;
  env: NodeJS.ProcessEnv;
  repo?: string;
  intervalMs: number;
  /** Failed cycles in a row after which /healthz answers 503. */
  unhealthyAfter: number;
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

/**
 * `watch --listen`: the status page, its API, events, metrics and health, served from what the
 * loop reports (nothing here plans, applies or reads Git). Refuses to start on a non-loopback
 * address without a token; the token is masked like every secret.
 */
export async function startService(request: ServiceRequest): Promise<Service> {
  const address = parseListen(request.listen);
  const token = resolveToken(address, request.tokenFile, request.env);
  if (token) registerSecret(token);
  const assets = loadAssets();
  const hub = new EventHub();
  const metrics = new ServiceMetrics(request.intervalMs);
  const board = new Board({ intervalMs: request.intervalMs, unhealthyAfter: request.unhealthyAfter, readHistory: () => readHistory(request.repo, undefined) }, hub, metrics);
  const server = createServiceServer({ board, hub, metrics, assets, auth: new TokenCheck(token), address });
  await listen(server, address);
  const stopCounting = onToolRun((tool, result) => metrics.toolRun(tool, result));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${address.host.includes(':') ? `[${address.host}]` : address.host}:${port}/`,
    tokenRequired: token !== undefined,
    cycle: (result) => board.cycle(result),
    event: (event) => board.event(event),
    close: async () => {
      stopCounting();
      hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: Server, address: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'the port is in use' : error.code === 'EADDRNOTAVAIL' ? 'no such address on this machine' : error.code === 'EACCES' ? 'not allowed (a port below 1024 needs privileges)' : error.message;
      reject(new BlumeopsError(`--listen ${address.host}:${address.port}: ${why}`));
    });
    server.listen(address.port, address.host, () => resolve());
  });
}
