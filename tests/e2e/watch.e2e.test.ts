import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatusDocument } from '../../src/engine/status-schema.js';
import { startBlumeops, waitFor } from '../helpers/cli.js';
import { commitAll, git, makeRepo, writeFiles } from '../helpers/repo.js';
import { TAILNET_CONFIG } from '../helpers/config.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const CONFIG = `${TAILNET_CONFIG}    refresh: false\n`;
const program = (value: string) => `name: tailnet\nruntime: yaml\nresources:\n  acl:\n    type: tailscale:index/acl:Acl\n    properties:\n      acl: '${value}'\n`;

let received: Received[];
let url: string;
let close: () => void;
let repo: string;
let env: Record<string, string>;

beforeEach(async () => {
  received = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/homelab`;
  close = () => server.close();

  const remote = mkdtempSync(path.join(os.tmpdir(), 'watch-remote-'));
  git(remote, 'init', '--quiet', '--bare', '--initial-branch=main');
  repo = makeRepo({ 'blumeops.yaml': CONFIG, 'pulumi/tailscale/Pulumi.yaml': program('v1'), 'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n' });
  git(repo, 'remote', 'add', 'origin', remote);
  git(repo, 'push', '--quiet', '-u', 'origin', 'main');
  env = { PULUMI_EMULATOR_STATE: path.join(mkdtempSync(path.join(os.tmpdir(), 'watch-state-')), 'state.json') };
});

afterEach(() => close());

describe('blumeops watch', () => {
  it('notifies once when a layer needs applying, never the same news twice', async () => {
    const watch = startBlumeops(['watch', '--interval', '1s', '--cycles', '3', '--notify', url], { cwd: repo, env });
    const result = await watch.exited;
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout.match(/cycle \d:/g)).toHaveLength(3);
    expect(received).toHaveLength(1);
    expect(received[0].headers.title).toBe('blumeops: tailnet not applied');
    expect(received[0].headers.priority).toBe('3');
    expect(received[0].body).toContain('tailnet (pulumi): never applied');
  });

  it('pulls a new commit, applies the opted-in layer under the lock, and reports it (json format)', async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'watch-other-'));
    git(other, 'clone', '--quiet', git(repo, 'remote', 'get-url', 'origin'), '.');
    writeFiles(other, { 'pulumi/tailscale/Pulumi.yaml': program('v2') });
    commitAll(other, 'tailnet: v2');
    git(other, 'push', '--quiet', 'origin', 'main');

    // A torn ledger line is a warning the JSON notification must carry.
    writeFiles(repo, { '.git/blumeops/ledger.jsonl': '{"runId": "cut' });
    const watch = startBlumeops(['watch', '--interval', '1s', '--cycles', '1', '--apply', 'tailnet', '--notify', url, '--notify-format', 'json'], { cwd: repo, env });
    const result = await watch.exited;
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('pulled 1 new commit(s)');
    expect(git(repo, 'log', '-1', '--format=%s')).toBe('tailnet: v2');
    expect(readFileSync(path.join(repo, '.git/blumeops/ledger.jsonl'), 'utf8')).toMatch(/^\{"runId": "cut\n\{/);
    expect(JSON.parse(readFileSync(path.join(repo, '.git/blumeops/ledger.jsonl'), 'utf8').split('\n')[1])).toMatchObject({ layer: 'tailnet', status: 'applied', message: 'applied by blumeops watch' });
    const titles = received.map((entry) => entry.headers.title);
    expect(titles).toContain('blumeops: tailnet applied');
    for (const entry of received) {
      expect(entry.headers['content-type']).toBe('application/json');
      // The document carries the cycle's real warnings, not an empty list.
      expect(StatusDocument.parse(JSON.parse(entry.body)).warnings).toContain('ledger line 1 skipped: truncated or corrupt JSON');
    }
  });

  it('stops cleanly on Ctrl-C between cycles', async () => {
    const watch = startBlumeops(['watch', '--interval', '10m'], { cwd: repo, env });
    await waitFor(() => watch.output.stdout.includes('cycle 1:'), 30_000, 'the first cycle');
    watch.child.kill('SIGINT');
    const result = await watch.exited;
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('stopped (Ctrl-C)');
  });
});
