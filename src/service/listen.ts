import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { BlumeopsError } from '../errors.js';

/** Where `watch --listen` serves: the address as given, and whether only this machine can reach it. */
export interface ListenAddress {
  host: string;
  port: number;
  loopback: boolean;
}

/** A token shorter than this is refused: it would be guessed. */
export const MIN_TOKEN_LENGTH = 16;

/** `127.0.0.1:9387`, `localhost:9387`, `[::1]:9387`, `0.0.0.0:9387`; port 0 picks a free port. */
export function parseListen(value: string): ListenAddress {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65_535) {
    throw new BlumeopsError(`--listen ${value}: expected HOST:PORT`, { hint: 'e.g. --listen 127.0.0.1:9387 (this machine only) or --listen 0.0.0.0:9387 with --token-file' });
  }
  const host = match[1] ?? match[2];
  if (match[1] && isIP(host) !== 6) throw new BlumeopsError(`--listen ${value}: ${host} is not an IPv6 address`);
  return { host, port, loopback: isLoopback(host) };
}

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (name === 'localhost' || name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const v4 = name.startsWith('::ffff:') ? name.slice(7) : name;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/**
 * The token the service requires: from `--token-file` (first line) or `BLUMEOPS_TOKEN`. Any address
 * but loopback requires one: blumeops refuses to start rather than show the homelab to the network.
 */
export function resolveToken(address: ListenAddress, tokenFile: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  let token: string | undefined;
  let source = 'BLUMEOPS_TOKEN';
  if (tokenFile) {
    source = tokenFile;
    try {
      token = readFileSync(tokenFile, 'utf8').split(/\r?\n/)[0].trim();
    } catch (error) {
      throw new BlumeopsError(`--token-file ${tokenFile}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    if (!token) throw new BlumeopsError(`--token-file ${tokenFile} is empty`, { hint: 'put a long random token on its first line, e.g. `openssl rand -hex 32 > FILE`' });
  } else if (env.BLUMEOPS_TOKEN !== undefined && env.BLUMEOPS_TOKEN.trim() !== '') {
    token = env.BLUMEOPS_TOKEN.trim();
  }
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new BlumeopsError(`the token from ${source} is too short (${token.length} characters; at least ${MIN_TOKEN_LENGTH})`, { hint: 'make one with `openssl rand -hex 32`' });
  }
  if (!token && !address.loopback) {
    throw new BlumeopsError(`--listen ${address.host}:${address.port} is reachable from other machines: a token is required`, {
      hint: 'give one with --token-file FILE or BLUMEOPS_TOKEN (clients send `Authorization: Bearer TOKEN`), or listen on 127.0.0.1',
    });
  }
  return token;
}
