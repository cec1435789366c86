import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BlumeopsError, ToolError } from '../../src/errors.js';
import type { Run } from '../../src/reconciler.js';
import { prepareCommand, prepareProject } from './prepare.js';
import { PulumiConfig } from './schema.js';
import { failure, LOG, pulumiContext } from './__fixtures__/test-context.js';

function project(pulumiYaml: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'blumeops-prepare-'));
  mkdirSync(path.join(dir, 'pulumi/gandi'), { recursive: true });
  writeFileSync(path.join(dir, 'pulumi/gandi/Pulumi.yaml'), pulumiYaml);
  return dir;
}

const PYTHON_UV = 'name: dns\nruntime:\n  name: python\n  options:\n    toolchain: uv\n';

describe('prepareCommand', () => {
  it('runs pulumi install when the runtime options say how, and nothing for a YAML or bare runtime', async () => {
    expect(await prepareCommand(undefined, path.join(project(PYTHON_UV), 'pulumi/gandi'))).toEqual(['pulumi', 'install', '--non-interactive']);
    expect(await prepareCommand(undefined, path.join(project('name: n\nruntime: {name: nodejs, options: {packagemanager: pnpm}}\n'), 'pulumi/gandi'))).toEqual(['pulumi', 'install', '--non-interactive']);
    expect(await prepareCommand(undefined, path.join(project('name: n\nruntime: yaml\n'), 'pulumi/gandi'))).toBeUndefined();
    expect(await prepareCommand(undefined, path.join(project('name: n\nruntime: python\n'), 'pulumi/gandi'))).toBeUndefined();
  });

  it('takes the layer\'s prepare over the default: a line split at spaces, a list, or false', async () => {
    const dir = path.join(project(PYTHON_UV), 'pulumi/gandi');
    expect(await prepareCommand('uv  sync --quiet', dir)).toEqual(['uv', 'sync', '--quiet']);
    expect(await prepareCommand(['npm', 'ci'], dir)).toEqual(['npm', 'ci']);
    expect(await prepareCommand(false, dir)).toBeUndefined();
  });

  it('refuses shell syntax in the one-line form', () => {
    const result = PulumiConfig.safeParse({ dir: 'd', stack: 's', prepare: 'uv sync || exit 1' });
    expect(result.error?.issues[0].message).toContain('without a shell');
    expect(PulumiConfig.parse({ dir: 'd', stack: 's', prepare: 'uv sync --quiet' }).prepare).toBe('uv sync --quiet');
  });
});

describe('prepareProject', () => {
  it('runs the step in the project folder once per commit, saying so', async () => {
    const repo = project(PYTHON_UV);
    const run = vi.fn<Run>(async (tool, args) => ({ command: [tool, ...args].join(' '), logPath: LOG, exitCode: 0, stdout: '', stderr: '' }));
    const { ctx, emit } = pulumiContext(repo, run, { config: { dir: 'pulumi/gandi', prepare: 'uv sync --quiet' } });
    const cwd = path.join(repo, 'pulumi/gandi');
    await prepareProject(ctx, cwd);
    await prepareProject(ctx, cwd);
    expect(run.mock.calls).toEqual([['uv', ['sync', '--quiet'], { cwd, env: {} }]]);
    expect(emit).toHaveBeenCalledWith({ type: 'progress', message: 'preparing: uv sync --quiet' });
    await prepareProject({ ...ctx, commit: 'f'.repeat(40) }, cwd);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('a failed step fails the layer, naming the step, with the log and a hint', async () => {
    const repo = project(PYTHON_UV);
    const run = vi.fn<Run>(async () => {
      throw new ToolError({ tool: 'uv', message: 'uv sync exited with code 2', exitCode: 2, tail: 'error: No `pyproject.toml` found', logPath: LOG });
    });
    const { ctx } = pulumiContext(repo, run, { config: { dir: 'pulumi/gandi', prepare: ['uv', 'sync'] } });
    const error = await failure(prepareProject(ctx, path.join(repo, 'pulumi/gandi')));
    expect(error).toBeInstanceOf(ToolError);
    expect(error.message).toBe('the dependency step `uv sync` failed: uv sync exited with code 2');
    expect((error as ToolError).logPath).toBe(LOG);
    expect(error.hint).toContain('prepare: false');

    const missing = vi.fn<Run>(async () => {
      throw new BlumeopsError('uv not found on PATH', { hint: 'install uv' });
    });
    const notFound = await failure(prepareProject(pulumiContext(repo, missing, { config: { dir: 'pulumi/gandi', prepare: ['uv', 'sync'] } }).ctx, path.join(repo, 'pulumi/gandi')));
    expect(notFound.message).toBe('the dependency step `uv sync` failed: uv not found on PATH');
    expect(notFound.hint).toContain('install uv');
  });
});
