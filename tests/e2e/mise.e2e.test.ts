import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIN, EMULATORS, PROJECT_ROOT, testEnv, type CliResult } from '../helpers/cli.js';
import { copyRepo } from '../helpers/repo.js';

/** The real mise (docs/tools/mise.md), running the example homelab's wrapper tasks. */
const MISE = path.join(PROJECT_ROOT, 'node_modules/.bin/mise');
const EXAMPLE = path.join(PROJECT_ROOT, 'examples/homelab');

let shim: string;
let home: string;
let repo: string;
let state: string;

beforeAll(() => {
  // The tasks call `blumeops`: a launcher of the built bin, first on PATH.
  shim = mkdtempSync(path.join(os.tmpdir(), 'blumeops-shim-'));
  writeFileSync(path.join(shim, 'blumeops'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(path.join(shim, 'blumeops'), 0o755);
  // mise keeps trust state and caches under HOME / XDG dirs: a private one, so nothing leaks.
  home = mkdtempSync(path.join(os.tmpdir(), 'blumeops-mise-home-'));
  for (const dir of ['config', 'state', 'data', 'cache']) mkdirSync(path.join(home, dir));
});

beforeEach(() => {
  repo = copyRepo(EXAMPLE);
  state = path.join(mkdtempSync(path.join(os.tmpdir(), 'pulumi-state-')), 'state.json');
});

function mise(args: string[], extra: Record<string, string> = {}): CliResult {
  const env = testEnv({
    PATH: [shim, ...EMULATORS, process.env.PATH].join(path.delimiter),
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_STATE_HOME: path.join(home, 'state'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    MISE_TRUSTED_CONFIG_PATHS: repo,
    MISE_YES: '1',
    MISE_TASK_RUN_AUTO_INSTALL: 'false',
    PULUMI_EMULATOR_STATE: state,
    ...extra,
  });
  const result = spawnSync(MISE, args, { cwd: repo, env, encoding: 'utf8', input: '', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const run = (task: string, args: string[] = [], extra: Record<string, string> = {}) =>
  mise(['run', '--skip-tools', task, ...(args.length > 0 ? ['--', ...args] : [])], extra);

describe('the example homelab mise.toml', () => {
  it('defines the old task names, each a blumeops call', () => {
    const list = mise(['tasks', 'ls', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const tasks = Object.fromEntries((JSON.parse(list.stdout) as { name: string; run: string[] }[]).map((task) => [task.name, task.run.join(' ')]));
    expect(tasks).toMatchObject({
      'tailnet-up': 'blumeops up tailnet',
      'tailnet-preview': 'blumeops preview tailnet',
      'provision-indri': 'blumeops provision indri',
      'check-indri': 'blumeops check indri',
      'argocd-sync': 'blumeops sync argocd',
      'argocd-diff': 'blumeops diff argocd',
      'blumeops-plan': 'blumeops plan',
      'blumeops-status': 'blumeops status',
      'ai-context': 'blumeops context --offline',
    });
  });

  it('previews, applies with arguments passed through, and is then in sync', () => {
    const preview = run('tailnet-preview');
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/tailnet \| pulumi: \d+ to create/);

    const detailed = run('tailnet-preview', ['--detailed-exitcode']);
    expect(detailed.code, detailed.stderr).toBe(2);

    const up = run('tailnet-up', ['--yes']);
    expect(up.code, up.stderr + up.stdout).toBe(0);
    expect(up.stdout).toContain('applied: created');

    const again = run('tailnet-preview', ['--detailed-exitcode']);
    expect(again.code, again.stderr + again.stdout).toBe(0);
    expect(again.stdout).toContain('tailnet | pulumi: in sync');
  });

  it('runs ai-context offline', () => {
    const context = run('ai-context');
    expect(context.code, context.stderr).toBe(0);
    expect(context.stdout).toContain('### tailnet (pulumi)');
  });

  it('passes the exit code of a failing layer through', () => {
    const failed = run('tailnet-preview', [], { PULUMI_EMULATOR_FAIL: 'exit:3:backend unreachable' });
    expect(failed.code).toBe(1);
    expect(failed.stdout + failed.stderr).toContain('backend unreachable');

    const refused = run('tailnet-up');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--yes');
  });
});
