import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIN, EMULATORS, PROJECT_ROOT, type CliResult } from '../helpers/cli.js';
import { copyRepo } from '../helpers/repo.js';
import { blumeopsShim, miseHome, runMise } from '../helpers/mise.js';
import { pulumiStateFile } from '../helpers/pulumi-state.js';

const EXAMPLE = path.join(PROJECT_ROOT, 'examples/homelab');

let shim: string;
let home: string;
let repo: string;
let state: string;

beforeAll(() => {
  // The tasks call `blumeops`: a launcher of the built bin, first on PATH.
  shim = blumeopsShim(`#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  home = miseHome();
});

beforeEach(() => {
  repo = copyRepo(EXAMPLE);
  state = pulumiStateFile();
});

function mise(args: string[], extra: Record<string, string> = {}): CliResult {
  return runMise(args, { repo, home, binDirs: [shim, ...EMULATORS] }, { PULUMI_EMULATOR_STATE: state, ...extra });
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
