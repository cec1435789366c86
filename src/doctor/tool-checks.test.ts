import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ToolSpec } from '../reconciler.js';
import { checkTool } from './tool-checks.js';

let bin: string;
let savedPath: string | undefined;

/** A fake tool on PATH: a shell script. */
function tool(name: string, body: string): void {
  const file = path.join(bin, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
}

beforeEach(() => {
  bin = mkdtempSync(path.join(os.tmpdir(), 'doctor-tools-'));
  savedPath = process.env.PATH;
  process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
});

afterEach(() => {
  process.env.PATH = savedPath;
});

const base = { install: 'get it from example.org', versionArgs: ['version'], minVersion: '2.0.0' } satisfies Partial<ToolSpec>;
const cwd = os.tmpdir();

describe('checkTool', () => {
  it('fails a missing tool with its install hint, and skips its auth', async () => {
    const rows = await checkTool({ name: 'no-such-tool-xyz', ...base, auth: { args: ['whoami'], fix: 'log in' } }, { cwd });
    expect(rows).toEqual([
      { name: 'no-such-tool-xyz', status: 'fail', detail: 'not found on PATH', fix: 'install it: get it from example.org' },
      { name: 'no-such-tool-xyz auth', status: 'skip', detail: 'no-such-tool-xyz is not installed', fix: null },
    ]);
  });

  it('passes a recent enough version and fails an older one', async () => {
    tool('newtool', 'echo "newtool v2.10.1+abc"');
    tool('oldtool', 'echo "oldtool version 1.9.12"');
    const [fresh] = await checkTool({ name: 'newtool', ...base }, { cwd });
    const [stale] = await checkTool({ name: 'oldtool', ...base }, { cwd });
    expect(fresh).toMatchObject({ status: 'ok', detail: `2.10.1 (${path.join(bin, 'newtool')})` });
    expect(stale).toMatchObject({ status: 'fail', detail: expect.stringContaining('1.9.12 is older than 2.0.0'), fix: 'upgrade it: get it from example.org' });
  });

  it('warns when the version cannot be read', async () => {
    tool('oddtool', 'echo "something went wrong" >&2; exit 3');
    const [row] = await checkTool({ name: 'oddtool', ...base }, { cwd });
    expect(row).toMatchObject({ status: 'warn', detail: expect.stringContaining('exited with code 3: something went wrong') });
  });

  it('reads a JSON field for tools whose exit code lies', async () => {
    tool('liar', 'case "$1" in version) echo 2.1.0 ;; *) echo "{\\"loggedIn\\": $LIAR_LOGGED_IN}" ;; esac');
    const spec: ToolSpec = { name: 'liar', ...base, auth: { args: ['account'], jsonField: 'loggedIn', fix: 'liar login' } };
    process.env.LIAR_LOGGED_IN = 'true';
    expect((await checkTool(spec, { cwd }))[1]).toMatchObject({ name: 'liar auth', status: 'ok' });
    process.env.LIAR_LOGGED_IN = 'false';
    expect((await checkTool(spec, { cwd }))[1]).toMatchObject({ status: 'fail', detail: '`liar account`: loggedIn is false', fix: 'liar login' });
    delete process.env.LIAR_LOGGED_IN;
  });

  it('uses the exit code without jsonField, and shows a one-line answer', async () => {
    tool('whotool', 'case "$1" in version) echo 2.1.0 ;; whoami) [ -n "$WHO" ] && echo "$WHO" || { echo "error: not logged in" >&2; exit 3; } ;; esac');
    const spec: ToolSpec = { name: 'whotool', ...base, auth: { args: ['whoami'], fix: 'whotool login' } };
    process.env.WHO = 'erich';
    expect((await checkTool(spec, { cwd }))[1]).toMatchObject({ status: 'ok', detail: '`whotool whoami`: erich' });
    delete process.env.WHO;
    expect((await checkTool(spec, { cwd }))[1]).toMatchObject({ status: 'fail', detail: '`whotool whoami` exited with code 3: error: not logged in', fix: 'whotool login' });
  });

  it('skips the auth check when a layer env sets one of auth.env', async () => {
    tool('tokentool', 'echo 2.1.0');
    const spec = { name: 'tokentool', ...base, auth: { args: ['whoami'], fix: 'log in', env: ['TOKENTOOL_TOKEN'] } };
    const rows = await checkTool(spec, { cwd, layerEnvKeys: new Set(['TOKENTOOL_TOKEN', 'OTHER']) });
    expect(rows[1]).toMatchObject({ status: 'skip', detail: expect.stringContaining('TOKENTOOL_TOKEN') });
  });

  it('stops a hanging check and its children when the time runs out', async () => {
    // sh waits for sleep, which holds the output pipes: only a process-group kill ends both.
    tool('hangtool', 'case "$1" in version) echo 2.1.0 ;; *) sleep 30 ;; esac');
    const started = Date.now();
    const rows = await checkTool({ name: 'hangtool', ...base, auth: { args: ['whoami'], fix: 'log in' } }, { cwd, authTimeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(rows[1]).toMatchObject({ status: 'fail', detail: '`hangtool whoami` gave no answer in time and was stopped' });
  });
});
