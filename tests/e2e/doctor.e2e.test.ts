import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DoctorDocument, type DoctorCheck } from '../../src/doctor/schema.js';
import { registry } from '../../layers/index.js';
import { blumeops, EMULATORS, type CliResult } from '../helpers/cli.js';
import { git, makeRepo, writeFiles } from '../helpers/repo.js';
import { TAILNET_CONFIG } from '../helpers/config.js';

const CONFIG = `${TAILNET_CONFIG}    env:
      TAILSCALE_OAUTH_CLIENT_ID: op://blumeops/tailscale - blumeops/client_id
  indri:
    kind: ansible
    playbook: ansible/playbooks/indri.yml
    inventory: ansible/inventory/hosts.yml
  argocd:
    kind: argocd
    apps: argocd/apps
    root: apps
`;

const FILES = {
  'blumeops.yaml': CONFIG,
  'pulumi/tailscale/Pulumi.yaml': 'name: tailnet\nruntime: yaml\n',
  'ansible/playbooks/indri.yml': '- hosts: all\n  tasks: []\n',
  'ansible/inventory/hosts.yml': 'all:\n  hosts:\n    indri:\n      ansible_host: 127.0.0.1\n',
  'argocd/apps/.keep': '',
};

/** Without the ansible layer: ansible-playbook and ansible-inventory take a second each to start. */
const LIGHT = CONFIG.replace(/ {2}indri:\n(?: {4}.*\n)+/, '');

const argocdAuth = registry.find((kind) => kind.kind === 'argocd')?.tools[0]?.auth;

let repo: string;
let state: string;
let vault: string;

/** A repo whose `origin` is a local bare repo holding main. */
function repoWithRemote(files: Record<string, string>): string {
  const dir = makeRepo(files);
  const remote = mkdtempSync(path.join(os.tmpdir(), 'blumeops-remote-'));
  git(remote, 'init', '--quiet', '--bare', '--initial-branch=main');
  git(dir, 'remote', 'add', 'origin', remote);
  git(dir, 'push', '--quiet', '-u', 'origin', 'main');
  return dir;
}

beforeEach(() => {
  repo = repoWithRemote(FILES);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'doctor-'));
  state = path.join(dir, 'argocd.json');
  vault = path.join(dir, 'vault.json');
  writeFileSync(state, JSON.stringify({ server: 'argocd.example:443', token: 's3cret', user: 'admin', apps: [] }));
  writeFileSync(vault, JSON.stringify({ signedIn: true, vaults: { blumeops: { 'tailscale - blumeops': { client_id: 'abc' } } } }));
});

function doctor(args: string[], extra: Record<string, string | undefined> = {}, cwd = repo): Promise<CliResult> {
  const env = { ARGOCD_EMULATOR_STATE: state, OP_EMULATOR_VAULT: vault, ARGOCD_SERVER: undefined, ARGOCD_AUTH_TOKEN: undefined, OP_SERVICE_ACCOUNT_TOKEN: undefined, ...extra };
  return blumeops(['doctor', ...args], { cwd, env });
}

async function checks(args: string[] = [], extra: Record<string, string | undefined> = {}): Promise<{ code: number | null; checks: DoctorCheck[] }> {
  const result = await doctor(['--json', ...args], extra);
  const document = DoctorDocument.parse(JSON.parse(result.stdout));
  expect(document.exitCode).toBe(result.code);
  return { code: result.code, checks: document.checks };
}

const row = (rows: DoctorCheck[], name: string) => rows.find((check) => check.name === name);

describe('blumeops doctor', () => {
  it('all good: a table of ✓ rows for the config, git, each tool and login, and the remote; exit 0', async () => {
    const result = await doctor([]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^CHECK\s+RESULT\s+DETAIL$/m);
    expect(result.stdout).toMatch(/^config\s+✓ ok\s+blumeops\.yaml: 3 layers \(tailnet, indri, argocd\)$/m);
    for (const name of ['git', 'pulumi', 'pulumi auth', 'ansible-playbook', 'argocd', 'argocd auth', 'op', 'op auth', 'remote origin']) {
      expect(result.stdout).toMatch(new RegExp(`^${name}\\s+✓ ok\\s+\\S`, 'm'));
    }
    expect(result.stdout).toMatch(/^argocd auth\s+✓ ok\s+`argocd account get-user-info -o json`: loggedIn is true$/m);
    expect(result.stdout).toMatch(/^indri: inventory\s+✓ ok\s+`ansible-inventory -i ansible\/inventory\/hosts\.yml --list` succeeded$/m);
    expect(result.stdout).toContain('all checks passed');
    expect(result.stdout).not.toContain('fix:');
  });

  it('--json: one document that holds to the schema', async () => {
    const { code, checks: rows } = await checks();
    expect(code).toBe(0);
    expect(rows[0]).toEqual({ name: 'config', status: 'ok', detail: 'blumeops.yaml: 3 layers (tailnet, indri, argocd)', fix: null });
    expect(row(rows, 'pulumi')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^3\.\d+\.\d+ \(/) });
    expect(rows.every((check) => check.status === 'ok')).toBe(true);
  });

  it('a missing tool: ✗ with the install hint under it, its login skipped; exit 1', async () => {
    // PATH without the pulumi emulator and ansible: node and dirname (for the emulator launchers) and git.
    const bin = mkdtempSync(path.join(os.tmpdir(), 'doctor-bin-'));
    symlinkSync(process.execPath, path.join(bin, 'node'));
    for (const tool of ['git', 'dirname']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), path.join(bin, tool));
    const PATH = [...EMULATORS.filter((dir) => !dir.endsWith('pulumi')), bin].join(path.delimiter);
    const result = await doctor([], { PATH });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^pulumi\s+✗ fail\s+not found on PATH\n\s+fix: install it: curl -fsSL https:\/\/get\.pulumi\.com/m);
    expect(result.stdout).toMatch(/^pulumi auth\s+– skip\s+pulumi is not installed$/m);
    expect(result.stdout).toMatch(/^ansible-playbook\s+✗ fail\s+not found on PATH$/m);
    expect(result.stdout).toMatch(/^argocd\s+✓ ok/m);
    expect(result.stdout).toMatch(/\d checks? failed/);
  });

  it('argocd logged out (loggedIn false, exit 0 from argocd): ✗ with the login fix', async () => {
    writeFileSync(state, JSON.stringify({ server: 'argocd.example:443', token: 'expired', requiredToken: 's3cret', apps: [] }));
    writeFiles(repo, { 'blumeops.yaml': LIGHT });
    const { code, checks: rows } = await checks();
    expect(code).toBe(1);
    expect(row(rows, 'argocd auth')).toEqual({ name: 'argocd auth', status: 'fail', detail: '`argocd account get-user-info -o json`: loggedIn is false', fix: argocdAuth?.fix });
    expect((await doctor([])).stdout).toMatch(/^argocd auth\s+✗ fail\s+.*loggedIn is false\n\s+fix: /m);
    expect(row(rows, 'argocd')?.status).toBe('ok');
  });

  it('op not signed in: ✗ op auth; op is checked only because a layer env reads op://', async () => {
    writeFileSync(vault, JSON.stringify({ signedIn: false }));
    writeFiles(repo, { 'blumeops.yaml': LIGHT });
    const { code, checks: rows } = await checks();
    expect(code).toBe(1);
    expect(row(rows, 'op auth')).toMatchObject({ status: 'fail', detail: expect.stringContaining('not currently signed in'), fix: expect.stringContaining('op signin') });

    writeFiles(repo, { 'blumeops.yaml': LIGHT.replace(/ {4}env:\n.*\n/, '') });
    expect(row((await checks()).checks, 'op')).toBeUndefined();
  });

  it('an invalid blumeops.yaml: ✗ config row with file:line:col; the tools are still checked', async () => {
    writeFiles(repo, { 'blumeops.yaml': CONFIG.replace('    stack: tail8d86e\n', '    stack: tail8d86e\n    stak: typo\n') });
    const result = await doctor([]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^config\s+✗ fail\s+blumeops\.yaml:7:5: /m);
    expect(result.stdout).toMatch(/^\s+fix: .*stack/m);
    const { checks: rows } = await checks();
    expect(row(rows, 'config')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^blumeops\.yaml:7:5: layers\.tailnet/) });
    for (const name of ['git', 'pulumi', 'ansible-playbook', 'argocd', 'op', 'remote origin']) expect(row(rows, name)?.status, name).toBe('ok');
  });

  it('outside an infra repo: ✗ config with the hint; git is still checked', async () => {
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'doctor-nowhere-'));
    const result = await doctor([], {}, elsewhere);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^config\s+✗ fail\s+no blumeops\.yaml found/m);
    expect(result.stdout).toMatch(/^git\s+✓ ok/m);
    expect(result.stdout).toMatch(/^remote\s+– skip/m);
  });

  it('--offline skips the remote (a skipped row, not a failure)', async () => {
    writeFiles(repo, { 'blumeops.yaml': LIGHT });
    git(repo, 'remote', 'set-url', 'origin', path.join(os.tmpdir(), 'no-such-remote-here.git'));
    const { code, checks: rows } = await checks(['--offline']);
    expect(code).toBe(0);
    expect(row(rows, 'remote origin')).toMatchObject({ status: 'skip', detail: expect.stringContaining('--offline') });
  });

  it('an unreachable remote is ✗; no remote at all is only a warning', async () => {
    writeFiles(repo, { 'blumeops.yaml': LIGHT });
    git(repo, 'remote', 'set-url', 'origin', path.join(os.tmpdir(), 'no-such-remote-here.git'));
    let result = await checks();
    expect(result.code).toBe(1);
    expect(row(result.checks, 'remote origin')).toMatchObject({ status: 'fail', fix: expect.stringContaining('--offline') });

    git(repo, 'remote', 'remove', 'origin');
    result = await checks();
    expect(result.code).toBe(0);
    expect(row(result.checks, 'remote')).toEqual({ name: 'remote', status: 'warn', detail: 'no remote (ArgoCD layers need one)', fix: expect.any(String) });
    const table = await doctor([]);
    expect(table.stdout).toMatch(/^remote\s+! warn\s+no remote \(ArgoCD layers need one\)$/m);
    expect(table.stdout).toContain('all checks passed (1 warning)');
  });

  it('a broken inventory: ✗ for the layer although ansible-inventory exits 0', async () => {
    writeFiles(repo, { 'ansible/inventory/hosts.yml': 'all:\n  hosts:\n    indri: [\n' });
    const { code, checks: rows } = await checks(['--offline']);
    expect(code).toBe(1);
    expect(row(rows, 'indri: inventory')).toMatchObject({ status: 'fail', detail: expect.stringContaining('as an inventory source') });
  });
});
