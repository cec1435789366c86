/**
 * The real mise (npm @jdxcode/mise-linux-x64, as mise.e2e.test.ts finds it) runs the wrappers that
 * `blumeops init --mise` made of the messy-homelab's old tasks, under the names people already type.
 * A stand-in `blumeops` first on PATH records its arguments, so each old name is shown to reach
 * blumeops with the arguments given after `--`, and blumeops' exit code to come back through mise.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blumeops, PROJECT_ROOT, type CliResult } from '../helpers/cli.js';
import { copyRepo } from '../helpers/repo.js';
import { blumeopsShim, miseHome, runMise } from '../helpers/mise.js';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/messy-homelab');

let repo: string;
let shim: string;
let home: string;
let record: string;

beforeAll(async () => {
  repo = copyRepo(FIXTURE);
  const init = await blumeops(['init', '--mise', '--yes'], { cwd: repo });
  expect(init.code, init.stderr).toBe(0);
  // The stand-in: one line per call, the arguments separated by `|`; exits with STANDIN_EXIT.
  shim = blumeopsShim('#!/bin/sh\n(IFS="|"; printf "%s\\n" "$*") >> "$STANDIN_RECORD"\nexit "${STANDIN_EXIT:-0}"\n');
  home = miseHome();
});

beforeEach(() => {
  record = path.join(mkdtempSync(path.join(os.tmpdir(), 'standin-')), 'calls');
});

function mise(args: string[], extra: Record<string, string> = {}): CliResult {
  return runMise(args, { repo, home, binDirs: [shim] }, { STANDIN_RECORD: record, ...extra });
}

const calls = () => (existsSync(record) ? readFileSync(record, 'utf8').trim().split('\n') : []);

describe('the old task names, through the real mise', () => {
  it('file tasks run blumeops with the arguments after --', () => {
    for (const [task, args] of [
      ['tailnet-up', ['--', '--yes', '-m', 'new ACL']],
      ['tailnet-preview', []],
      ['provision-indri', ['--', '--', '--tags', 'alloy']],
    ] as const) {
      const result = mise(['run', task, ...args]);
      expect(result.code, `${task}: ${result.stderr}`).toBe(0);
    }
    expect(calls()).toEqual(['up|tailnet|--yes|-m|new ACL', 'preview|tailnet', 'provision|indri|--|--tags|alloy']);
  });

  it('toml tasks too, by name and by alias; new wrappers for the layer no task drove', () => {
    expect(mise(['run', 'dns-preview', '--', '--detailed-exitcode']).code).toBe(0);
    expect(mise(['run', 'ps', '--', '-m', 'nas only']).code).toBe(0);
    expect(mise(['run', 'argocd-sync', '--', 'cv']).code).toBe(0);
    expect(calls()).toEqual(['preview|gandi|--detailed-exitcode', 'provision|sifaka|-m|nas only', 'sync|argocd|cv']);
  });

  it("blumeops' exit code comes back through mise", () => {
    const failed = mise(['run', 'tailnet-preview', '--', '--detailed-exitcode'], { STANDIN_EXIT: '2' });
    expect(failed.code).toBe(2);
    expect(calls()).toEqual(['preview|tailnet|--detailed-exitcode']);
  });

  it('the unrecognised tasks are still there, as they were', () => {
    const list = mise(['tasks', 'ls', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const names = (JSON.parse(list.stdout) as { name: string }[]).map((task) => task.name);
    expect(names).toEqual(expect.arrayContaining(['backup-photos', 'cert-check', 'container-build', 'docs-check', 'zot-gc', 'fmt', 'lint', 'docs-serve', 'ai-notes']));
    const cat = mise(['run', 'ai-notes']);
    expect(cat.code, cat.stderr).toBe(0);
    expect(cat.stdout).toContain('indri runs Caddy');
    expect(calls()).toEqual([]);
  });
});
