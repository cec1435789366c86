import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const OP = join(HERE, 'op');
const ERROR_LINE = /^\[ERROR\] \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} (.*)\n$/s;
const ITEM = 'op://blumeops/tailscale - blumeops';

type Result = { code: number | null; stdout: string; stderr: string };

const root = mkdtempSync(join(tmpdir(), 'op-emu-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

function vaultFile(data: unknown): string {
  n += 1;
  const file = join(root, `vault-${n}.json`);
  writeFileSync(file, JSON.stringify(data));
  return file;
}

const VAULT = vaultFile({
  signedIn: true,
  vaults: {
    blumeops: {
      'tailscale - blumeops': { client_id: 'abc', client_secret: 's3cr3t', API: { token: 't0k' } },
    },
  },
});

function op(args: string[], env: Record<string, string> = {}): Promise<Result> {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OP_')) base[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(OP, args, { cwd: root, env: { ...base, OP_EMULATOR_VAULT: VAULT, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.concurrent('op emulator', () => {
  it('reads a field with a trailing newline, or without one with -n / --no-newline', async ({ expect }) => {
    expect(await op(['read', `${ITEM}/client_id`])).toEqual({ code: 0, stdout: 'abc\n', stderr: '' });
    expect((await op(['read', '-n', `${ITEM}/client_secret`])).stdout).toBe('s3cr3t');
    expect((await op(['read', '--no-newline', '--account', 'my', `${ITEM}/client_secret`])).stdout).toBe('s3cr3t');
  });

  it('matches case-insensitively and reads section fields', async ({ expect }) => {
    expect((await op(['read', '-n', 'op://BlumeOps/Tailscale - BlumeOps/CLIENT_ID'])).stdout).toBe('abc');
    expect((await op(['read', '-n', `${ITEM}/api/token`])).stdout).toBe('t0k');
    expect((await op(['read', '-n', `${ITEM}/token`])).stdout).toBe('t0k');
  });

  const failures: Array<[string, string[], Record<string, string>, string]> = [
    ['missing item', ['read', 'op://blumeops/nope/client_id'], {},
      `could not read secret 'op://blumeops/nope/client_id': could not get item blumeops/nope: "nope" isn't an item in the "blumeops" vault. Specify the item with its UUID, name, or domain.`],
    ['missing field', ['read', `${ITEM}/nope`], {}, `could not read secret '${ITEM}/nope': item 'blumeops/tailscale - blumeops' does not have a field 'nope'`],
    ['missing vault', ['read', 'op://other/x/y'], {}, `could not read secret 'op://other/x/y': could not get item other/x: "other" isn't a vault in this account`],
    ['too many /', ['read', `${ITEM}/a/b/c`], {}, `could not read secret '${ITEM}/a/b/c': too many '/': secret references should match op://<vault>/<item>[/<section>]/<field>`],
    ['signed out (signedIn: false)', ['read', `${ITEM}/client_id`], { OP_EMULATOR_VAULT: vaultFile({ signedIn: false, vaults: {} }) },
      `could not read secret '${ITEM}/client_id': error initializing client: You are not currently signed in. Please run \`op signin --help\` for instructions`],
    ['signed out (no vault file)', ['read', `${ITEM}/client_id`], { OP_EMULATOR_VAULT: join(root, 'missing.json') },
      `could not read secret '${ITEM}/client_id': error initializing client: You are not currently signed in. Please run \`op signin --help\` for instructions`],
    ['unknown flag', ['read', '--foo', `${ITEM}/client_id`], {}, 'unknown flag: --foo'],
  ];
  for (const [name, args, env, message] of failures) {
    it(`fails (${name}) with exit 1, empty stdout and one [ERROR] line`, async ({ expect }) => {
      const r = await op(args, env);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(ERROR_LINE);
      expect(ERROR_LINE.exec(r.stderr)![1]).toBe(message);
    });
  }

  it('logs each invocation with the reference, never the value', async ({ expect }) => {
    const log = join(root, 'calls.log');
    await op(['read', '-n', `${ITEM}/client_secret`], { OP_EMULATOR_LOG: log });
    await op(['read', '-n', `${ITEM}/client_id`], { OP_EMULATOR_LOG: log });
    const text = readFileSync(log, 'utf8');
    const entries = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(entries.map((e) => [e.command, e.ref])).toEqual([
      ['read', `${ITEM}/client_secret`],
      ['read', `${ITEM}/client_id`],
    ]);
    expect(text).not.toContain('s3cr3t');
  });

  it('writes --out-file with mode 0600 and refuses to overwrite without --force', async ({ expect }) => {
    const file = join(root, 'secret.txt');
    expect((await op(['read', '-o', file, `${ITEM}/client_id`])).stdout).toBe(`${file}\n`);
    expect(readFileSync(file, 'utf8')).toBe('abc');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await op(['read', '-o', file, `${ITEM}/client_id`])).code).toBe(1);
    expect((await op(['read', '-f', '-o', file, `${ITEM}/client_id`])).code).toBe(0);
  });

  it('prints its version, whoami, and honours a required service account token', async ({ expect }) => {
    expect((await op(['--version'])).stdout).toBe('2.30.0\n');
    const who = JSON.parse((await op(['whoami', '--format', 'json'], { OP_SERVICE_ACCOUNT_TOKEN: 'ops_x' })).stdout);
    expect(who.user_type).toBe('SERVICE_ACCOUNT');
    const guarded = vaultFile({ signedIn: true, requireServiceAccountToken: 'ops_good', vaults: { v: { i: { f: 'x' } } } });
    expect((await op(['read', '-n', 'op://v/i/f'], { OP_EMULATOR_VAULT: guarded, OP_SERVICE_ACCOUNT_TOKEN: 'ops_good' })).stdout).toBe('x');
    const bad = await op(['read', 'op://v/i/f'], { OP_EMULATOR_VAULT: guarded, OP_SERVICE_ACCOUNT_TOKEN: 'ops_bad' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('(401) Unauthorized: invalid bearer token');
    const signedOut = await op(['whoami'], { OP_EMULATOR_VAULT: join(root, 'missing.json') });
    expect(signedOut.code).toBe(1);
    expect(ERROR_LINE.exec(signedOut.stderr)![1]).toBe('account is not signed in');
  });
});
