import type { ServerResponse } from 'node:http';

/** A whole answer: JSON (a value, or a document serialised already) or text, never cached. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  sendText(response, status, 'application/json; charset=utf-8', typeof body === 'string' ? body : JSON.stringify(body));
}

export function sendText(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  response.end(body);
}
