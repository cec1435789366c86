import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { StatusDocument } from '../../src/engine/status-schema.js';
import { blumeops } from '../helpers/cli.js';
import { commitAll, git, ledger, makeRepo, writeFiles } from '../helpers/repo.js';
import { TAILNET_CONFIG } from '../helpers/config.js';
import { pulumiStateFile } from '../helpers/pulumi-state.js';

const CONFIG = `${TAILNET_CONFIG}    refresh: false
  dns:
    kind: pulumi
    dir: pulumi/dns
    stack: home
    refresh: false
    needs: [tailnet]
`;

const program = (name: string, value: string) => `name: ${name}\nruntime: yaml\nresources:\n  main:\n    type: tailscale:index/acl:Acl\n    properties:\n      acl: '${value}'\n`;

let repo: string;
let env: Record<string, string>;

beforeEach(() => {
  repo = makeRepo({
    'blumeops.yaml': CONFIG,
    'pulumi/tailscale/Pulumi.yaml': program('tailnet', 'v1'),
    'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n',
    'pulumi/dns/Pulumi.yaml': program('dns', 'v1'),
    'pulumi/dns/Pulumi.home.yaml': 'config: {}\n',
  });
  env = { PULUMI_EMULATOR_STATE: pulumiStateFile(path.join(mkdtempSync(path.join(os.tmpdir(), 'gitops-')), 'state.json'), { tail8d86e: 'tailnet', home: 'dns' }) };
});

const run = (...args: string[]) => blumeops(args, { cwd: repo, env });

describe('git discipline, rollback, change detection and status', () => {
  it('status: unapplied, then in sync, then unapplied after a commit, then drifted when live moves', async () => {
    let status = await run('status', '--offline', '--json');
    expect(status.code).toBe(2);
    expect(StatusDocument.parse(JSON.parse(status.stdout)).layers.map((layer) => layer.state)).toEqual(['unapplied', 'unapplied']);

    expect((await run('apply', '--yes')).code).toBe(0);
    status = await run('status', '--json');
    expect(status.code, status.stdout).toBe(0);
    expect(JSON.parse(status.stdout).layers.map((layer: { state: string }) => layer.state)).toEqual(['in-sync', 'in-sync']);

    writeFiles(repo, { 'pulumi/dns/Pulumi.yaml': program('dns', 'v2') });
    commitAll(repo, 'dns: v2');
    status = await run('status');
    expect(status.code).toBe(2);
    expect(status.stdout).toMatch(/dns\s+pulumi\s+unapplied/);
    expect(status.stdout).toContain('dns: v2');

    git(repo, 'reset', '--hard', '--quiet', 'HEAD~1');
    expect((await run('status', '--json')).code).toBe(0);

    // Someone changes the tailnet by hand: live no longer matches what was applied.
    const state = JSON.parse(readFileSync(env.PULUMI_EMULATOR_STATE, 'utf8'));
    for (const resource of Object.values(state.stacks.home.resources) as { inputs: Record<string, unknown> }[]) resource.inputs.acl = 'edited by hand';
    writeFileSync(env.PULUMI_EMULATOR_STATE, JSON.stringify(state));
    status = await run('status', '--json');
    expect(status.code).toBe(2);
    const dns = StatusDocument.parse(JSON.parse(status.stdout)).layers[1];
    expect(dns).toMatchObject({ name: 'dns', state: 'drifted', detail: 'live differs: 1 to update' });

    // Not signed in: the plan could not look. Unknown, with the login hint — not an error of the layer.
    status = await blumeops(['status'], { cwd: repo, env: { ...env, PULUMI_EMULATOR_LOGGED_OUT: '1' } });
    expect(status.stdout).toMatch(/tailnet\s+pulumi\s+unknown\s+.*not logged in/);
    expect(status.stdout).toMatch(/hint: run pulumi login/);
    const json = StatusDocument.parse(JSON.parse((await blumeops(['status', '--json'], { cwd: repo, env: { ...env, PULUMI_EMULATOR_LOGGED_OUT: '1' } })).stdout));
    expect(json.layers[0]).toMatchObject({ state: 'unknown', reason: 'not-signed-in' });
    expect(json.exitCode).not.toBe(1);
  });

  it('rollback applies the previous applied commit and records it as a rollback', async () => {
    const first = git(repo, 'rev-parse', 'HEAD');
    expect((await run('apply', '--yes')).code).toBe(0);
    writeFiles(repo, { 'pulumi/tailscale/Pulumi.yaml': program('tailnet', 'v2') });
    const second = commitAll(repo, 'tailnet: v2');
    expect((await run('up', 'tailnet', '--yes')).code).toBe(0);

    const rollback = await run('rollback', 'tailnet', '--yes');
    expect(rollback.code, rollback.stdout + rollback.stderr).toBe(0);
    expect(rollback.stdout).toContain('~ tailscale:index/acl:Acl main: acl');
    const entry = ledger(repo).at(-1)!;
    expect(entry).toMatchObject({ layer: 'tailnet', status: 'applied', commit: first, rollbackOf: second, messageSource: 'rollback' });
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
    expect((await run('preview', 'tailnet', '--detailed-exitcode')).code).toBe(2);
  });

  it('--ref plans another commit through a temporary worktree, removed afterwards', async () => {
    const first = git(repo, 'rev-parse', 'HEAD');
    writeFiles(repo, { 'pulumi/tailscale/Pulumi.yaml': program('tailnet', 'v2') });
    commitAll(repo, 'tailnet: v2');
    expect((await run('apply', '--yes')).code).toBe(0);
    const plan = await run('plan', '--ref', first.slice(0, 8), '--json');
    expect(plan.code).toBe(0);
    const document = JSON.parse(plan.stdout);
    expect(document.repo.commit).toBe(first);
    expect(document.layers[0]).toMatchObject({ name: 'tailnet', status: 'changes', summary: { update: 1 } });
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('apply refuses a dirty layer unless --allow-dirty, and records dirty: true', async () => {
    writeFiles(repo, { 'pulumi/dns/extra.txt': 'x' });
    const refused = await run('apply', 'dns', '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pulumi/dns/extra.txt');
    const plan = await run('plan', 'dns');
    expect(plan.stdout).toContain('this plan includes 1 uncommitted change');
    expect(plan.stdout).toContain('dns needs tailnet, which is not selected');
    expect((await run('apply', 'dns', '--yes', '--allow-dirty')).code).toBe(0);
    expect(ledger(repo).at(-1)).toMatchObject({ layer: 'dns', dirty: true, status: 'applied' });
  });

  it('plan --changed selects the layers whose paths changed since their last apply, and says why', async () => {
    expect((await run('apply', '--yes')).code).toBe(0);
    writeFiles(repo, { 'pulumi/dns/Pulumi.yaml': program('dns', 'v3') });
    const plan = await run('plan', '--changed');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('dns: selected — 1 file changed since its last apply');
    expect(plan.stdout).toContain('tailnet: unchanged since its last apply');
    expect(plan.stdout).not.toContain('tailnet | pulumi');
    const since = await run('plan', '--changed', '--since', 'HEAD');
    expect(since.stdout).toContain('dns: selected');

    // With --ref the comparison ends at that commit: the uncommitted edit is not part of it.
    const atRef = await run('plan', '--changed', '--ref', 'HEAD');
    expect(atRef.stdout + atRef.stderr).toContain('dns: unchanged since its last apply');
    commitAll(repo, 'dns: v3');
    const committed = await run('plan', '--changed', '--ref', 'HEAD');
    expect(committed.stdout).toMatch(/dns: selected — 1 file changed since its last apply \([0-9a-f]{7}\) up to HEAD/);
  });

  it('apply --detailed-exitcode exits 2 when it applied changes, 0 when there was nothing to apply', async () => {
    expect((await run('apply', '--yes', '--detailed-exitcode')).code).toBe(2);
    expect((await run('apply', '--yes', '--detailed-exitcode')).code).toBe(0);
  });

  it('keeps its state private: files 0600, folders 0700, under the git dir', async () => {
    expect((await run('apply', '--yes')).code).toBe(0);
    const state = path.join(repo, '.git/blumeops');
    const mode = (file: string) => statSync(file).mode & 0o777;
    expect(mode(state)).toBe(0o700);
    expect(mode(path.join(state, 'ledger.jsonl'))).toBe(0o600);
    const runs = path.join(state, 'runs');
    expect(mode(runs)).toBe(0o700);
    for (const run of readdirSync(runs)) {
      expect(mode(path.join(runs, run))).toBe(0o700);
      for (const log of readdirSync(path.join(runs, run))) expect(mode(path.join(runs, run, log))).toBe(0o600);
    }
    // A read-only run (a live status) logs apart, under reads/: the plan and apply runs stay as they were.
    const before = readdirSync(runs);
    await run('status');
    expect(readdirSync(runs)).toEqual(before);
    const reads = path.join(state, 'reads');
    expect(mode(reads)).toBe(0o700);
    for (const read of readdirSync(reads)) {
      expect(mode(path.join(reads, read))).toBe(0o700);
      for (const log of readdirSync(path.join(reads, read))) expect(mode(path.join(reads, read, log))).toBe(0o600);
    }
    expect(readdirSync(reads).length).toBe(1);
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('plan --format markdown prints a pull-request summary on stdout', async () => {
    const result = await run('plan', '--format', 'markdown');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('| layer | kind | status | changes |');
    expect(result.stdout).toContain('| tailnet | pulumi | 📝 changes | 1 to create |');
    expect(result.stdout).toContain('<details><summary><b>dns</b>');
    expect(result.stdout).not.toContain('planning…');
  });

  it('a layer whose dependency failed is skipped with the reason', async () => {
    const result = await blumeops(['apply', '--yes', '--json'], { cwd: repo, env: { ...env, PULUMI_EMULATOR_RESOURCE_FAIL: 'main', PULUMI_EMULATOR_RESOURCE_FAIL_ON: 'up' } });
    expect(result.code).toBe(1);
    const layers = JSON.parse(result.stdout).layers;
    expect(layers[0]).toMatchObject({ name: 'tailnet', status: 'failed' });
    expect(layers[1]).toMatchObject({ name: 'dns', status: 'skipped', reason: 'needs tailnet, which failed' });
    expect(ledger(repo).map((entry) => [entry.layer, entry.status])).toEqual([
      ['tailnet', 'failed'],
      ['dns', 'skipped'],
    ]);
  });
});
