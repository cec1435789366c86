import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InterruptedError, ToolError } from '../../src/errors.js';
import type { Run, ToolResult } from '../../src/reconciler.js';
import { NOT_A_DIGEST } from './parse.js';
import { planPulumi } from './plan.js';
import type { PulumiConfig } from './schema.js';
import { failure, fixture, LOG, pulumiContext } from './__fixtures__/test-context.js';

let repo: string;
let project: string;

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'blumeops-pulumi-'));
  project = path.join(repo, 'pulumi', 'tailscale');
  mkdirSync(project, { recursive: true });
  writeFileSync(path.join(project, 'Pulumi.yaml'), 'name: blumeops-tailnet\nruntime: nodejs\n');
  mkdirSync(path.join(repo, 'pulumi', 'empty'));
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));


function context(result: Partial<ToolResult>, options: { config?: Partial<PulumiConfig>; extraArgs?: string[] } = {}) {
  const run = vi.fn<Run>(async (tool, args) => ({ command: [tool, ...args].join(' '), logPath: LOG, exitCode: 0, stdout: '', stderr: '', ...result }));
  const { ctx, emit } = pulumiContext(repo, run, { config: options.config, extraArgs: options.extraArgs });
  return { ctx, run, emit };
}


describe('planPulumi', () => {
  it('runs pulumi preview --json non-interactively on the stack, in the absolute project dir', async () => {
    const { ctx, run, emit } = context({ stdout: fixture('preview-changes.json') });
    const plan = await planPulumi(ctx);
    expect(run).toHaveBeenCalledTimes(1);
    const [tool, args, options] = run.mock.calls[0];
    expect(tool).toBe('pulumi');
    expect(args).toEqual(['preview', '--json', '--non-interactive', '--stack', 'tail8d86e', '--cwd', project, '--refresh']);
    expect(path.isAbsolute(args[6])).toBe(true);
    expect(options?.env).toMatchObject({ PULUMI_SKIP_UPDATE_CHECK: 'true', NO_COLOR: '1' });
    expect(options?.okExitCodes).toEqual(expect.arrayContaining([1, 2, 3, 6, 8, 255]));
    expect(emit).toHaveBeenCalledWith({ type: 'progress', message: 'previewing' });
    expect(plan.changes).toHaveLength(6);
    expect(plan.warnings).toHaveLength(1);
  });

  it('leaves out --refresh when refresh is off and appends the arguments after --', async () => {
    const target = 'urn:pulumi:tail8d86e::blumeops-tailnet::tailscale:index/acl:Acl::tailnet-acl';
    const { ctx, run } = context({ stdout: fixture('preview-same.json') }, { config: { refresh: false }, extraArgs: ['--target', target] });
    expect(await planPulumi(ctx)).toEqual({ changes: [], warnings: [] });
    expect(run.mock.calls[0][1]).toEqual(['preview', '--json', '--non-interactive', '--stack', 'tail8d86e', '--cwd', project, '--target', target]);
  });

  it('refuses a project dir that does not exist, before running pulumi', async () => {
    const { ctx, run } = context({}, { config: { dir: 'pulumi/nope' } });
    const error = await failure(planPulumi(ctx));
    expect(error.message).toMatch(/pulumi\/nope does not exist/);
    expect(error.hint).toMatch(/dir:/);
    expect(run).not.toHaveBeenCalled();
  });

  it('refuses a dir without Pulumi.yaml', async () => {
    const { ctx, run } = context({}, { config: { dir: 'pulumi/empty' } });
    const error = await failure(planPulumi(ctx));
    expect(error.message).toBe('layer tailnet: pulumi/empty has no Pulumi.yaml');
    expect(error.hint).toContain('Pulumi.yaml');
    expect(run).not.toHaveBeenCalled();
  });

  it.each([
    ['v3.226+ (exit 6)', 6],
    ['legacy (exit 255)', 255],
  ])('explains a missing stack, %s', async (_era, exitCode) => {
    const { ctx } = context({ exitCode, stderr: "error: no stack named 'tail8d86e' found\n" });
    const error = await failure(planPulumi(ctx));
    expect(error).toBeInstanceOf(ToolError);
    expect(error.message).toContain("pulumi stack 'tail8d86e' does not exist");
    expect(error.hint).toContain('log in to it (pulumi whoami -v shows the current one');
    expect(error.hint).toContain(`create it once: pulumi stack init tail8d86e --cwd ${project}`);
    expect((error as ToolError).logPath).toBe(LOG);
    expect((error as ToolError).toolExitCode).toBe(exitCode);
  });

  it('explains a missing login (exit 3, or the legacy message)', async () => {
    for (const result of [
      { exitCode: 3, stderr: 'error: getting user info: 403 Forbidden\n' },
      { exitCode: 255, stderr: 'error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions\n' },
    ]) {
      const error = await failure(planPulumi(context(result).ctx));
      expect(error.message).toMatch(/^pulumi is not logged in to its backend: /);
      expect(error.hint).toMatch(/pulumi login/);
    }
  });

  it('explains a missing secrets passphrase', async () => {
    const stderr = 'error: passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables\n';
    const error = await failure(planPulumi(context({ exitCode: 255, stderr }).ctx));
    expect(error.hint).toMatch(/PULUMI_CONFIG_PASSPHRASE .*env:.*op:\/\//);
  });

  it('names the error diagnostics of a failed preview', async () => {
    const error = await failure(planPulumi(context({ exitCode: 1, stdout: fixture('preview-error.json'), stderr: '' }).ctx));
    expect(error).toBeInstanceOf(ToolError);
    expect(error.message).toMatch(/^pulumi preview failed:\n {2}error: tailscale:index\/acl:Acl tailnet-acl: .*unknown field "grantz"\n {2}error: Running program/);
  });

  it('falls back to pulumi\'s own error line and exit code', async () => {
    const error = await failure(planPulumi(context({ exitCode: 255, stderr: 'warning: A new version of Pulumi is available\nerror: could not load plugin for tailscale provider\n' }).ctx));
    expect(error.message).toBe('pulumi preview failed (exit 255): could not load plugin for tailscale provider');
  });

  it('refuses output that is not a digest, pointing at the log', async () => {
    for (const stdout of ['', 'Previewing update (tail8d86e):\n']) {
      const error = await failure(planPulumi(context({ stdout }).ctx));
      expect(error.message).toContain(NOT_A_DIGEST);
      expect(error.hint).toContain(LOG);
    }
  });

  it('reports a cancelled preview as an interruption', async () => {
    const error = await failure(planPulumi(context({ exitCode: 8, stderr: 'error: preview cancelled\n' }).ctx));
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.exitCode).toBe(130);
  });

  it('keeps the plan when -- --expect-no-changes failed the preview', async () => {
    const { ctx } = context({ exitCode: 7, stdout: fixture('preview-changes.json'), stderr: 'error: no changes were expected for preview but changes were proposed\n' }, { extraArgs: ['--expect-no-changes'] });
    const plan = await planPulumi(ctx);
    expect(plan.changes).toHaveLength(6);
    expect(plan.warnings).toContain('pulumi: no changes were expected but changes were proposed (--expect-no-changes)');
  });
});
