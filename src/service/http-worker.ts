/**
 * The HTTP thread of `watch --listen`: the server, its event stream, the page's state and the metrics
 * live here, fed by messages from the loop's thread. A cycle that keeps the loop's thread busy
 * (parsing thousands of ArgoCD apps, starting tools) never delays an answer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BlumeopsError } from '../errors.js';
import { TokenCheck } from './auth.js';
import { Board } from './board.js';
import { ServiceMetrics } from './metrics.js';
import { loadAssets } from './page.js';
import { createServiceServer, listenOn } from './server.js';
import { EventHub } from './sse.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js';

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

async function start(setup: WorkerSetup): Promise<void> {
  const hub = new EventHub();
  const metrics = new ServiceMetrics(setup.intervalMs);
  const board = new Board({ intervalMs: setup.intervalMs, unhealthyAfter: setup.unhealthyAfter }, hub, metrics);
  const server = createServiceServer({ board, hub, metrics, assets: loadAssets(), auth: new TokenCheck(setup.token), address: setup.address });
  port.on('message', (message: ToWorker) => {
    if (message.type === 'cycle') board.cycle(message.result, message.history);
    else if (message.type === 'event') board.event(message.event);
    else if (message.type === 'history') board.history(message.history);
    else if (message.type === 'tool-run') metrics.toolRun(message.tool, message.result);
    else if (message.type === 'close') {
      hub.close();
      server.closeAllConnections();
      server.close(() => post({ type: 'closed' }));
    }
  });
  post({ type: 'listening', port: await listenOn(server, setup.address) });
}

start(workerData as WorkerSetup).catch((error: unknown) =>
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error), hint: error instanceof BlumeopsError ? error.hint : undefined }),
);
