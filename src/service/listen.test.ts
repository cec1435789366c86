import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlumeopsError } from '../errors.js';
import { isLoopback, MIN_TOKEN_LENGTH, parseListen, resolveToken } from './listen.js';

const TOKEN = 'a-long-random-token-0123456789';

function tokenFile(content: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'token-')), 'token');
  writeFileSync(file, content);
  return file;
}

describe('--listen HOST:PORT', () => {
  it('reads IPv4, names and bracketed IPv6, and knows which are loopback', () => {
    expect(parseListen('127.0.0.1:9387')).toEqual({ host: '127.0.0.1', port: 9387, loopback: true });
    expect(parseListen('localhost:0')).toEqual({ host: 'localhost', port: 0, loopback: true });
    expect(parseListen('[::1]:9387')).toEqual({ host: '::1', port: 9387, loopback: true });
    expect(parseListen('0.0.0.0:9387')).toMatchObject({ loopback: false });
    expect(parseListen('[::]:9387')).toMatchObject({ host: '::', loopback: false });
    expect(parseListen('gilbert.tail8d86e.ts.net:9387')).toMatchObject({ loopback: false });
  });

  it('refuses what is not HOST:PORT', () => {
    for (const bad of ['9387', ':9387', '127.0.0.1', '127.0.0.1:99999', '::1:9387', '[nope]:1', 'a:b']) expect(() => parseListen(bad), bad).toThrow(BlumeopsError);
  });

  it('loopback is 127.0.0.0/8, ::1 and localhost; nothing else', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', 'LOCALHOST'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'example.com', '127.0.0.1.example.com'].some(isLoopback)).toBe(false);
  });
});

describe('the token', () => {
  const loopback = parseListen('127.0.0.1:9387');
  const everywhere = parseListen('0.0.0.0:9387');

  it('a non-loopback address without a token refuses to start, and says how to give one', () => {
    expect(() => resolveToken(everywhere, undefined, {})).toThrow(/reachable from other machines: a token is required/);
    try {
      resolveToken(everywhere, undefined, { BLUMEOPS_TOKEN: '  ' });
    } catch (error) {
      expect((error as BlumeopsError).hint).toContain('--token-file');
    }
  });

  it('comes from the first line of --token-file, else BLUMEOPS_TOKEN; loopback needs none', () => {
    expect(resolveToken(everywhere, tokenFile(`${TOKEN}\nignored\n`), { BLUMEOPS_TOKEN: 'x'.repeat(20) })).toBe(TOKEN);
    expect(resolveToken(everywhere, undefined, { BLUMEOPS_TOKEN: TOKEN })).toBe(TOKEN);
    expect(resolveToken(loopback, undefined, {})).toBeUndefined();
    expect(resolveToken(loopback, undefined, { BLUMEOPS_TOKEN: TOKEN })).toBe(TOKEN);
  });

  it(`refuses a short token (< ${MIN_TOKEN_LENGTH}), an empty or a missing file`, () => {
    expect(() => resolveToken(loopback, undefined, { BLUMEOPS_TOKEN: 'short' })).toThrow(/too short/);
    expect(() => resolveToken(everywhere, tokenFile('\n'), {})).toThrow(/is empty/);
    expect(() => resolveToken(everywhere, '/nonexistent/token', {})).toThrow(/no such file/);
  });
});
