import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readCookie, SESSION_COOKIE, sameSecret, TokenCheck } from './auth.js';

const TOKEN = 'a-long-random-token-0123456789';
const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('the token check', () => {
  const check = new TokenCheck(TOKEN);

  it('accepts the bearer token, refuses a wrong one and a missing one', () => {
    expect(check.check(request({ authorization: `Bearer ${TOKEN}` }))).toBe('ok');
    expect(check.check(request({ authorization: `bearer ${TOKEN}` }))).toBe('ok');
    expect(check.check(request({ authorization: `Bearer ${TOKEN}x` }))).toBe('wrong');
    expect(check.check(request({ authorization: 'Bearer short' }))).toBe('wrong');
    expect(check.check(request({ authorization: `Basic ${TOKEN}` }))).toBe('missing');
    expect(check.check(request({}))).toBe('missing');
  });

  it("accepts the page's session cookie, which is not the token itself", () => {
    const session = check.sessionValue!;
    expect(session).not.toContain(TOKEN);
    expect(check.check(request({ cookie: `theme=dark; ${SESSION_COOKIE}=${session}` }))).toBe('ok');
    expect(check.check(request({ cookie: `${SESSION_COOKIE}=${TOKEN}` }))).toBe('wrong');
    expect(new TokenCheck(`${TOKEN}-other`).sessionValue).not.toBe(session);
  });

  it('without a token every request passes', () => {
    const open = new TokenCheck(undefined);
    expect(open.required).toBe(false);
    expect(open.check(request({}))).toBe('ok');
    expect(open.checkValue(TOKEN)).toBe(false);
  });

  it('compares secrets of any length without throwing (digests of equal length)', () => {
    expect(sameSecret('', TOKEN)).toBe(false);
    expect(sameSecret('x'.repeat(10_000), TOKEN)).toBe(false);
    expect(sameSecret(TOKEN, TOKEN)).toBe(true);
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(readCookie('a=1; b=2=3;c=4', 'b')).toBe('2=3');
    expect(readCookie('a=1', 'b')).toBeUndefined();
    expect(readCookie(undefined, 'b')).toBeUndefined();
  });
});
