import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Board } from './board.js';
import type { ServiceMetrics } from './metrics.js';
import type { PageAssets } from './page.js';
import { sendJson, sendText } from './respond.js';
import type { EventHub } from './sse.js';

/** What the routes read: all of it kept up to date by the loop, none of it computed per request. */
export interface Routes {
  board: Board;
  hub: EventHub;
  metrics: ServiceMetrics;
  assets: PageAssets;
}

/** Answers one authorised GET or HEAD. */
export function route(parts: Routes, request: IncomingMessage, response: ServerResponse, url: URL): void {
  const { board } = parts;
  const path = url.pathname;
  const asset = parts.assets[path as keyof PageAssets];
  if (asset) {
    response.setHeader('ETag', asset.etag);
    if (request.headers['if-none-match'] === asset.etag) {
      response.writeHead(304, { 'Cache-Control': 'no-cache' });
      return void response.end();
    }
    response.writeHead(200, { 'Content-Type': asset.type, 'Content-Length': asset.body.length, 'Cache-Control': 'no-cache' });
    return void response.end(asset.body);
  }
  switch (path) {
    case '/api/v1/status':
      if (board.statusJson === undefined) {
        response.setHeader('Retry-After', '5');
        return sendJson(response, 503, { error: 'the first cycle has not finished yet' });
      }
      return sendJson(response, 200, board.statusJson);
    case '/api/v1/history': {
      const limit = Number(url.searchParams.get('limit') ?? '');
      return sendJson(response, 200, board.historyFor(url.searchParams.get('layer') ?? undefined, Number.isInteger(limit) && limit > 0 ? limit : undefined));
    }
    case '/api/v1/dashboard':
      return sendJson(response, 200, board.dashboardJson);
    case '/api/v1/events':
      if (request.method === 'HEAD') return sendText(response, 200, 'text/event-stream; charset=utf-8', '');
      if (!parts.hub.add(response, board.initialFrames())) {
        response.setHeader('Retry-After', '10');
        return sendJson(response, 503, { error: 'too many event clients' });
      }
      return;
    case '/metrics':
      parts.metrics.text().then(
        (text) => sendText(response, 200, parts.metrics.contentType, text),
        () => sendJson(response, 500, { error: 'metrics could not be collected' }),
      );
      return;
    case '/healthz': {
      const health = board.health();
      return sendJson(response, health.status, health.body);
    }
    default:
      return sendJson(response, 404, { error: `no such page: ${path.length > 100 ? `${path.slice(0, 100)}…` : path}` });
  }
}
