import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenCheck } from './auth.js';
import { Board } from './board.js';
import { parseListen } from './listen.js';
import { ServiceMetrics } from './metrics.js';
import { asset, type PageAssets } from './page.js';
import { createServiceServer, LIMITS } from './server.js';
import { EventHub, type HubLimits } from './sse.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let servers: { server: Server; hub: EventHub }[] = [];
afterEach(async () => {
  for (const { server, hub } of servers) {
    hub.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  servers = [];
});

const assets: PageAssets = {
  '/': asset(Buffer.from('<!doctype html><script src="/assets/app.js" defer></script>'), 'text/html; charset=utf-8'),
  '/assets/app.js': asset(Buffer.from('void 0;'), 'text/javascript; charset=utf-8'),
  '/assets/style.css': asset(Buffer.from('body{}'), 'text/css; charset=utf-8'),
  '/assets/icon.svg': asset(Buffer.from('<svg/>'), 'image/svg+xml'),
};

async function serve(hubLimits: Partial<HubLimits> = {}): Promise<{ port: number; hub: EventHub }> {
  const hub = new EventHub({ maxClients: 32, maxBufferBytes: 8 << 20, heartbeatMs: 60_000, ...hubLimits });
  const metrics = new ServiceMetrics(1000);
  const board = new Board({ intervalMs: 1000, unhealthyAfter: 3 }, hub, metrics);
  const server = createServiceServer({ board, hub, metrics, assets, auth: new TokenCheck(undefined), address: parseListen('127.0.0.1:0') });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ server, hub });
  return { port: (server.address() as AddressInfo).port, hub };
}

function get(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Sends raw bytes and returns the status line (for requests a client library would refuse to make). */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let reply = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (reply += chunk));
    socket.on('close', () => resolve(reply.split('\r\n')[0]));
    socket.on('error', () => resolve(reply.split('\r\n')[0]));
  });
}

describe('the HTTP server', () => {
  it('every answer carries a CSP without inline script or style, nosniff, no framing, no referrer', async () => {
    const { port } = await serve();
    for (const path of ['/', '/api/v1/dashboard', '/nope', '/assets/app.js']) {
      const { headers } = await get(port, path);
      expect(headers['content-security-policy'], path).toContain("script-src 'self'");
      expect(headers['content-security-policy']).toContain("default-src 'none'");
      expect(headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('is read-only: anything but GET and HEAD is 405; a body is 413', async () => {
    const { port } = await serve();
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const answer = await get(port, '/api/v1/status', { method });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD');
    }
    expect((await get(port, '/api/v1/dashboard', { headers: { 'content-length': '5' }, body: 'hello' })).status).toBe(413);
    expect((await get(port, '/api/v1/dashboard', { method: 'HEAD' })).status).toBe(200);
  });

  it('bounds the request: a long address is 414, headers over the limit 431, garbage 400', async () => {
    const { port } = await serve();
    expect((await get(port, `/${'a'.repeat(LIMITS.maxUrlLength)}`)).status).toBe(414);
    expect(await raw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(LIMITS.maxHeaderBytes)}\r\n\r\n`)).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(await raw(port, 'NOT HTTP\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
  });

  it('without a token, a loopback service answers only to loopback Host names (no DNS rebinding)', async () => {
    const { port } = await serve();
    expect((await get(port, '/api/v1/dashboard', { headers: { host: `evil.example:${port}` } })).status).toBe(421);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) expect((await get(port, '/api/v1/dashboard', { headers: { host } })).status, host).toBe(200);
  });

  it('status before the first cycle is 503 with Retry-After; unknown pages 404 as JSON; assets revalidate with ETag', async () => {
    const { port } = await serve();
    const status = await get(port, '/api/v1/status');
    expect(status.status).toBe(503);
    expect(status.headers['retry-after']).toBe('5');
    const missing = await get(port, '/<script>');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('application/json; charset=utf-8');
    const script = await get(port, '/assets/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(port, '/assets/app.js', { headers: { 'if-none-match': script.headers.etag! } })).status).toBe(304);
  });

  it('bounds the event clients: one more than the limit is 503; each client starts with the current page', async () => {
    const { port, hub } = await serve({ maxClients: 2 });
    const first = await openStream(port);
    await openStream(port);
    expect(first.text()).toContain('event: cycle\n');
    expect(hub.size).toBe(2);
    const refused = await get(port, '/api/v1/events');
    expect(refused.status).toBe(503);
  });

  it('drops a client that stops reading once its backlog passes the limit; the others and the sender never wait', async () => {
    const { port, hub } = await serve({ maxBufferBytes: 256 * 1024 });
    const reader = await openStream(port);
    const stalled = connect(port, '127.0.0.1');
    stalled.write('GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    stalled.pause();
    await waitUntil(() => hub.size === 2);
    const frame = JSON.stringify('x'.repeat(32 * 1024));
    const started = Date.now();
    for (let sent = 0; hub.dropped === 0 && sent < 64 << 20; sent += frame.length) {
      hub.broadcast('cycle', frame);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(hub.dropped).toBe(1);
    expect(hub.size).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitUntil(() => reader.text().length > 256 * 1024);
    stalled.destroy();
  });
});

async function openStream(port: number): Promise<{ text(): string }> {
  let text = '';
  await new Promise<void>((resolve) => {
    httpRequest({ host: '127.0.0.1', port, path: '/api/v1/events' }, (response) => {
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      resolve();
    }).end();
  });
  await waitUntil(() => text.includes('\n\n'));
  return { text: () => text };
}

async function waitUntil(predicate: () => boolean): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > 5000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
