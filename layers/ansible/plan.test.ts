/**
 * Integration: the real ansible-playbook against localhost (connection local), managing files in a
 * temp dir. Each ansible run takes about a second. Under CI a missing ansible-playbook fails.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlumeopsError, ToolError } from '../../src/errors.js';
import { fakeContext } from './__fixtures__/fake-context.js';
import { applyAnsible } from './apply.js';
import { planAnsible } from './plan.js';
import { AnsibleConfig } from './schema.js';
import { skipUnlessCI } from '../../tests/helpers/ci.js';

// Test speed only: modules run without a temp-file round trip (the layer itself never sets this).
process.env.ANSIBLE_PIPELINING = 'True';

const hasAnsible = spawnSync('ansible-playbook', ['--version'], { stdio: 'ignore' }).status === 0;
const skip = skipUnlessCI(!hasAnsible);
const title = skip ? 'ansible (skipped: ansible-playbook not on PATH)' : 'ansible against localhost';
const playbooks = new URL('./__fixtures__/playbooks/', import.meta.url);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh infra dir: the fixture playbooks, files/app.conf and files/old.conf seeded. */
function workDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'blumeops-ansible-'));
  dirs.push(dir);
  cpSync(playbooks, dir, { recursive: true });
  mkdirSync(path.join(dir, 'files'));
  writeFileSync(path.join(dir, 'files', 'app.conf'), 'port=80\nmode=dev\n');
  writeFileSync(path.join(dir, 'files', 'old.conf'), 'legacy\n');
  return dir;
}

function context(keys: Record<string, unknown>, dir: string, extraArgs: string[] = []) {
  return fakeContext(AnsibleConfig.parse({ inventory: 'hosts.yml', ...keys }), dir, extraArgs);
}

describe.skipIf(skip)(title, () => {
  it('ansible-playbook is on PATH (required under CI=true)', () => {
    expect(hasAnsible, 'ansible-playbook must be on PATH').toBe(true);
  });

  it('check predicts with diffs and touches nothing; provision applies; the next check is clean', async () => {
    const dir = workDir();
    const ctx = context({ playbook: 'site.yml' }, dir);
    const plan = await planAnsible(ctx);
    expect(plan.changes.map((change) => `${change.action} ${change.target}`)).toEqual([
      'update localhost:write app config',
      'create localhost:write caddy config',
      'create localhost:enable feature',
      'create localhost:make data dir',
      'delete localhost:remove old config',
      'create localhost:write site files',
      'update localhost:mark reloaded',
    ]);
    expect(plan.changes[0].diff).toContain('+port=8080');
    expect(plan.incomplete).toBe(false);
    expect(readFileSync(path.join(dir, 'files', 'app.conf'), 'utf8')).toBe('port=80\nmode=dev\n');
    expect(existsSync(path.join(dir, 'files', 'Caddyfile'))).toBe(false);
    expect(ctx.calls.map((call) => call.args)).toEqual([
      ['-i', 'hosts.yml', '--syntax-check', 'site.yml'],
      ['-i', 'hosts.yml', '--check', '--diff', 'site.yml'],
    ]);
    expect(ctx.calls[1].options).toMatchObject({ cwd: dir, env: { ANSIBLE_STDOUT_CALLBACK: 'blumeops_events', PYTHONUNBUFFERED: '1' } });
    expect(Object.keys(ctx.calls[1].options.env ?? {}).sort()).toEqual(['ANSIBLE_CALLBACK_PLUGINS', 'ANSIBLE_STDOUT_CALLBACK', 'PYTHONUNBUFFERED']);
    expect(ctx.events).toContainEqual({ type: 'info', message: 'localhost: would change: write app config' });

    const applied = await applyAnsible(ctx, plan);
    expect(applied.changes).toHaveLength(7);
    expect(applied.warnings).toEqual([]);
    expect(applied.notes).toEqual(['localhost: ok=7 changed=7 failed=0 unreachable=0 skipped=1']);
    expect(readFileSync(path.join(dir, 'files', 'app.conf'), 'utf8')).toBe('port=8080\nmode=prod\n');
    expect(existsSync(path.join(dir, 'files', 'old.conf'))).toBe(false);
    expect(ctx.calls[2].args).toEqual(['-i', 'hosts.yml', '--diff', 'site.yml']);

    const again = await planAnsible(ctx);
    expect(again.changes).toEqual([]);
    expect(again.incomplete).toBe(false);
  });

  it('passes arguments after -- unchanged (--tags), and config keys as flags', async () => {
    const dir = workDir();
    const ctx = context({ playbook: 'site.yml', limit: 'localhost', skipTags: ['never'] }, dir, ['--tags', 'sites']);
    const plan = await planAnsible(ctx);
    expect(plan.changes.map((change) => change.target)).toEqual(['localhost:write site files']);
    expect(ctx.calls[1].args).toEqual(['-i', 'hosts.yml', '--limit', 'localhost', '--skip-tags', 'never', '--check', '--diff', '--tags', 'sites', 'site.yml']);
  });

  it('warns about tasks check mode cannot run, and passes extraVars as JSON', async () => {
    const dir = workDir();
    const plan = await planAnsible(context({ playbook: 'command.yml', extraVars: { marker: 'v2' } }, dir));
    expect(plan.incomplete).toBe(true);
    expect(plan.warnings).toContain('3 tasks cannot be predicted in check mode: run migrations, warm caches, raw probe');
    expect(plan.changes[0].diff).toContain('+v2');
  });

  it('a failing task fails provision, naming host, task and message', async () => {
    const ctx = context({ playbook: 'fail.yml' }, workDir());
    const error = await applyAnsible(ctx, { changes: [], warnings: [] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).message).toBe('localhost: task "install caddy" failed: non-zero return code');
    expect((error as ToolError).hint).toContain('E: Unable to locate package caddy');
  });

  it('an unreachable host fails check, naming the host and the reason', async () => {
    const ctx = context({ playbook: 'unreachable.yml', inventory: 'unreachable-hosts.yml' }, workDir());
    await expect(planAnsible(ctx)).rejects.toThrow(/^indri: unreachable \(task "write caddy config"\): Failed to connect to the host via ssh: .*Connection refused/);
  });

  it('a syntax error points at file:line:col', async () => {
    const ctx = context({ playbook: 'syntax-error.yml' }, workDir());
    const error = await planAnsible(ctx).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BlumeopsError);
    expect((error as BlumeopsError).location).toEqual({ file: 'syntax-error.yml', line: 8, col: 6 });
    expect(ctx.calls).toHaveLength(1);
  });

  it('check: false predicts nothing and says so', async () => {
    const ctx = context({ playbook: 'site.yml', check: false }, workDir());
    const plan = await planAnsible(ctx);
    expect(plan).toMatchObject({ changes: [], incomplete: true });
    expect(plan.warnings[0]).toContain('nothing could be predicted');
    expect(ctx.calls.map((call) => call.args.includes('--syntax-check'))).toEqual([true]);
  });
});
