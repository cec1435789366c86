import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { BlumeopsError } from '../errors.js';
import { SESSION_COOKIE, type TokenCheck } from './auth.js';
import { isLoopback, type ListenAddress } from './listen.js';
import { sendJson, sendText } from './respond.js';
import { route, type Routes } from './routes.js';

/** Bounds on what a client may send and hold: a request is a line and some headers, never a body. */
export const LIMITS = {
  maxHeaderBytes: 8 * 1024,
  maxUrlLength: 2048,
  /** Open sockets at once (SSE clients are bounded further by the hub). */
  maxConnections: 256,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
};

/** Sent with every answer: no inline script or style, no framing, no sniffing, no referrer. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface ServerParts extends Routes {
  auth: TokenCheck;
  address: ListenAddress;
}

/** The HTTP server of `watch --listen` (node:http): limits, security headers, Host and token checks, then the routes. */
export function createServiceServer(parts: ServerParts): Server {
  const server = createServer(
    { maxHeaderSize: LIMITS.maxHeaderBytes, requestTimeout: LIMITS.requestTimeoutMs, headersTimeout: LIMITS.headersTimeoutMs, keepAliveTimeout: LIMITS.keepAliveTimeoutMs },
    (request, response) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
      try {
        handle(parts, request, response);
      } catch {
        if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
        else response.destroy();
      }
    },
  );
  server.maxConnections = LIMITS.maxConnections;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  return server;
}

function handle(parts: ServerParts, request: IncomingMessage, response: ServerResponse): void {
  const url = request.url ?? '/';
  if (url.length > LIMITS.maxUrlLength) return sendJson(response, 414, { error: 'the address is too long' });
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return sendJson(response, 405, { error: 'read-only: only GET and HEAD' });
  }
  if (Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding']) {
    response.setHeader('Connection', 'close');
    return sendJson(response, 413, { error: 'requests carry no body' });
  }
  if (!hostAllowed(parts, request.headers.host)) return sendJson(response, 421, { error: 'unexpected Host header' });
  const parsed = new URL(url, 'http://blumeops.invalid');

  // The page may be opened once as /?token=…: the browser keeps a cookie and the address loses the token.
  const given = parsed.pathname === '/' ? parsed.searchParams.get('token') : null;
  if (given !== null && parts.auth.required) {
    if (!parts.auth.checkValue(given)) return sendUnauthorized(response, true);
    response.setHeader('Set-Cookie', `${SESSION_COOKIE}=${parts.auth.sessionValue}; HttpOnly; SameSite=Strict; Path=/`);
    response.writeHead(303, { Location: '/' });
    return void response.end();
  }
  const verdict = parts.auth.check(request);
  if (verdict !== 'ok') return sendUnauthorized(response, parsed.pathname === '/');
  route(parts, request, response, parsed);
}

/**
 * Without a token, a loopback service answers only to loopback names: a web page elsewhere cannot
 * point a name of its own at 127.0.0.1 (DNS rebinding) and read the homelab through the browser.
 */
function hostAllowed(parts: ServerParts, header: string | undefined): boolean {
  if (parts.auth.required || !parts.address.loopback) return true;
  if (!header) return false;
  const host = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(header)?.[1];
  return host !== undefined && (isLoopback(host) || host.toLowerCase() === parts.address.host.toLowerCase());
}

function sendUnauthorized(response: ServerResponse, page: boolean): void {
  response.setHeader('WWW-Authenticate', 'Bearer realm="blumeops"');
  if (!page) return sendJson(response, 401, { error: 'a token is required: send `Authorization: Bearer TOKEN`' });
  sendText(response, 401, 'text/plain; charset=utf-8', 'blumeops: this page needs the token. Open it once as /?token=TOKEN (the browser then keeps a cookie).\n');
}

/** Listens on the address; resolves to the port (the one picked for port 0), or a BlumeopsError that says why not. */
export function listenOn(server: Server, address: ListenAddress): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'the port is in use' : error.code === 'EADDRNOTAVAIL' ? 'no such address on this machine' : error.code === 'EACCES' ? 'not allowed (a port below 1024 needs privileges)' : error.message;
      reject(new BlumeopsError(`--listen ${address.host}:${address.port}: ${why}`));
    });
    server.listen(address.port, address.host, () => resolve((server.address() as AddressInfo).port));
  });
}
