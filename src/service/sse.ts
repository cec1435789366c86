import type { ServerResponse } from 'node:http';

export interface HubLimits {
  /** Clients connected at once; one more is refused (503). */
  maxClients: number;
  /** Bytes waiting for one client; a client that falls further behind is dropped (its browser reconnects). */
  maxBufferBytes: number;
  /** A comment line this often keeps proxies from closing a quiet stream and finds dead clients. */
  heartbeatMs: number;
}

export const DEFAULT_HUB_LIMITS: HubLimits = { maxClients: 32, maxBufferBytes: 8 * 1024 * 1024, heartbeatMs: 15_000 };

/** One Server-Sent Events frame: `data` is one line of JSON (JSON.stringify never emits a raw newline). */
export function sseFrame(event: string, data: string, id?: number): string {
  return `event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${data}\n\n`;
}

/**
 * The clients of /api/v1/events. A frame is formatted once and written to every client without
 * waiting: the loop never waits for a socket. A client whose unsent bytes pass the limit is dropped
 * rather than buffered without bound; EventSource reconnects and gets the current state first.
 */
export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;
  private nextId = 1;
  /** Clients dropped for being too slow (for tests and metrics). */
  dropped = 0;

  constructor(private readonly limits: HubLimits = DEFAULT_HUB_LIMITS) {
    this.heartbeat = setInterval(() => this.send(': keepalive\n\n'), limits.heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Takes over the response as an event stream with `initial` frames first; false when full (the caller answers 503). */
  add(response: ServerResponse, initial: readonly string[]): boolean {
    if (this.clients.size >= this.limits.maxClients) return false;
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    response.socket?.setNoDelay(true);
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
    this.write(response, `retry: 2000\n\n${initial.join('')}`);
    return true;
  }

  /** Sends one event to every client. */
  broadcast(event: string, data: string): void {
    this.send(sseFrame(event, data, this.nextId++));
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private send(frame: string): void {
    for (const client of this.clients) this.write(client, frame);
  }

  private write(client: ServerResponse, frame: string): void {
    if (client.writableLength + Buffer.byteLength(frame) > this.limits.maxBufferBytes) {
      this.dropped++;
      this.clients.delete(client);
      client.destroy();
      return;
    }
    client.write(frame);
  }
}
