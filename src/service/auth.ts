import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The cookie the page gets after one visit with `?token=`: a digest of the token, never the token. */
export const SESSION_COOKIE = 'blumeops_session';

export type AuthResult = 'ok' | 'missing' | 'wrong';

/**
 * Checks every request (page, API, events, metrics) against the token, in constant time: both sides
 * are hashed first, so timingSafeEqual compares digests of equal length whatever was sent.
 */
export class TokenCheck {
  private readonly session: string | undefined;

  constructor(private readonly token: string | undefined) {
    this.session = token === undefined ? undefined : createHmac('sha256', token).update('blumeops-session-v1').digest('hex');
  }

  get required(): boolean {
    return this.token !== undefined;
  }

  /** The cookie value a browser keeps once it has shown the token. */
  get sessionValue(): string | undefined {
    return this.session;
  }

  check(request: IncomingMessage): AuthResult {
    if (this.token === undefined || this.session === undefined) return 'ok';
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer !== undefined) return sameSecret(bearer, this.token) ? 'ok' : 'wrong';
    const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (cookie !== undefined) return sameSecret(cookie, this.session) ? 'ok' : 'wrong';
    return 'missing';
  }

  /** A token in the page's address (`/?token=…`): right or not. */
  checkValue(value: string): boolean {
    return this.token !== undefined && sameSecret(value, this.token);
  }
}

export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}
