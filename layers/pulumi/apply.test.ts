import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InterruptedError, ToolError } from '../../src/errors.js';
import type { Change, Plan, Run, ToolResult } from '../../src/reconciler.js';
import { applyPulumi, resourceCountsNote } from './apply.js';
import { failure, fixture, LOG, pulumiContext } from './__fixtures__/test-context.js';

let repo: string;
let project: string;
const URN = 'urn:pulumi:tail8d86e::blumeops-tailnet::';
const ACL = `${URN}tailscale:index/acl:Acl::tailnet-acl`;
const KEY = `${URN}tailscale:index/tailnetKey:TailnetKey::indri-key`;
const PLAN: Plan = {
  changes: [
    { action: 'update', target: ACL, summary: 'tailscale:index/acl:Acl tailnet-acl: acl' },
    { action: 'create', target: KEY, summary: 'tailscale:index/tailnetKey:TailnetKey indri-key' },
  ],
  warnings: [],
};

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'blumeops-pulumi-'));
  project = path.join(repo, 'pulumi', 'tailscale');
  mkdirSync(project, { recursive: true });
  writeFileSync(path.join(project, 'Pulumi.yaml'), 'name: blumeops-tailnet\nruntime: nodejs\n');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));


/** A fake exec gateway that streams stdout through onLine (unless told not to), like src/exec. */
function context(result: Partial<ToolResult>, options: { extraArgs?: string[]; stream?: boolean } = {}) {
  const run = vi.fn<Run>(async (tool, args, runOptions) => {
    const full = { command: [tool, ...args].join(' '), logPath: LOG, exitCode: 0, stdout: '', stderr: '', ...result };
    if (options.stream !== false) {
      for (const line of full.stdout.split('\n').filter((text) => text !== '')) runOptions?.onLine?.(line, 'stdout');
      for (const line of full.stderr.split('\n').filter((text) => text !== '')) runOptions?.onLine?.(line, 'stderr');
    }
    return full;
  });
  const { ctx, emit } = pulumiContext(repo, run, { extraArgs: options.extraArgs });
  return { ctx, run, emit };
}


function targets(changes: Change[]): string[] {
  return changes.map((change) => `${change.action} ${change.target}`);
}

describe('applyPulumi', () => {
  it('runs pulumi up --yes --skip-preview --json on the stack and reports what changed', async () => {
    const { ctx, run } = context({ stdout: fixture('up-success.jsonl') }, { extraArgs: ['--target', ACL, '--target', KEY] });
    const result = await applyPulumi(ctx, PLAN);
    const [tool, args, options] = run.mock.calls[0];
    expect(tool).toBe('pulumi');
    expect(args).toEqual(['up', '--yes', '--skip-preview', '--json', '--non-interactive', '--stack', 'tail8d86e', '--cwd', project, '--refresh', '--target', ACL, '--target', KEY]);
    expect(options?.env).toMatchObject({ PULUMI_SKIP_UPDATE_CHECK: 'true', NO_COLOR: '1' });
    expect(targets(result.changes)).toEqual([`update ${ACL}`, `create ${KEY}`]);
    expect(result.notes).toEqual(['resources: 1 created, 1 updated, 3 unchanged']);
    expect(result.warnings).toEqual(['tailscale:index/acl:Acl tailnet-acl: overwriteExistingContent is set: the ACL edited in the admin console will be overwritten']);
  });

  it('emits progress as each resource starts and a line as it ends', async () => {
    const { ctx, emit } = context({ stdout: fixture('up-success.jsonl') });
    await applyPulumi(ctx, PLAN);
    expect(emit.mock.calls.map(([event]) => event)).toEqual([
      { type: 'progress', message: 'updating' },
      { type: 'progress', message: 'creating tailscale:index/tailnetKey:TailnetKey indri-key' },
      { type: 'progress', message: 'updating tailscale:index/acl:Acl tailnet-acl' },
      { type: 'info', message: 'updated tailscale:index/acl:Acl tailnet-acl' },
      { type: 'info', message: 'created tailscale:index/tailnetKey:TailnetKey indri-key' },
    ]);
  });

  it('warns when the apply did more or less than the plan', async () => {
    const { ctx } = context({ stdout: fixture('up-success.jsonl') });
    const result = await applyPulumi(ctx, { changes: [PLAN.changes[0]], warnings: [] });
    expect(result.warnings).toContain('applied 2 changes, planned 1: tailscale:index/tailnetKey:TailnetKey indri-key extra (not in plan)');
  });

  it('reads the whole stdout when the gateway gave no lines as they came', async () => {
    const { ctx } = context({ stdout: fixture('up-after-preview.txt') }, { stream: false });
    const result = await applyPulumi(ctx, PLAN);
    expect(targets(result.changes)).toEqual([`update ${ACL}`, `create ${KEY}`]);
    expect(result.warnings).toHaveLength(1);
  });

  it('names the failed resource and its message, and what was applied before', async () => {
    const { ctx } = context({ exitCode: 1, stdout: fixture('up-failure.jsonl'), stderr: 'error: update failed\n' });
    const error = await failure(applyPulumi(ctx, PLAN));
    expect(error).toBeInstanceOf(ToolError);
    expect(error.message).toMatch(/^pulumi up failed: could not update tailscale:index\/acl:Acl tailnet-acl: .*400 Bad Request/s);
    expect(error.hint).toMatch(/^1 change was applied before the failure/);
    expect((error as ToolError).logPath).toBe(LOG);
  });

  it.each([8, 255])('turns a cancelled update (exit %i) into an interruption', async (exitCode) => {
    const { ctx } = context({ exitCode, stdout: fixture('up-cancel.jsonl'), stderr: 'error: update cancelled\n' });
    const error = await failure(applyPulumi(ctx, PLAN));
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.message).toBe('update cancelled');
  });

  it('explains a missing stack with the command that creates it', async () => {
    const { ctx } = context({ exitCode: 6, stderr: "error: no stack named 'tail8d86e' found\n" });
    const error = await failure(applyPulumi(ctx, PLAN));
    expect(error.hint).toContain(`pulumi stack init tail8d86e --cwd ${project}`);
  });

  it('falls back to pulumi\'s error line when the stream says nothing', async () => {
    const { ctx } = context({ exitCode: 2, stderr: 'error: unknown flag: --targte\n' }, { extraArgs: ['--targte', ACL] });
    const error = await failure(applyPulumi(ctx, PLAN));
    expect(error.message).toBe('pulumi up failed (exit 2): unknown flag: --targte');
  });

  it('warns when the stream ended without a summary', async () => {
    const { ctx } = context({ stdout: fixture('up-success.jsonl').split('\n').slice(0, 8).join('\n') });
    const result = await applyPulumi(ctx, PLAN);
    expect(result.warnings).toContain("pulumi's event stream ended without a summary; the changes listed may be incomplete");
    expect(result.notes).toEqual([]);
  });
});

describe('resourceCountsNote', () => {
  it('counts in reading order, hides replacement parts, keeps unknown ops', () => {
    expect(resourceCountsNote({ same: 3, update: 1, create: 1 })).toBe('resources: 1 created, 1 updated, 3 unchanged');
    expect(resourceCountsNote({ replace: 1, 'create-replacement': 1, 'delete-replaced': 1, refresh: 2 })).toBe('resources: 1 replaced, 2 refresh');
    expect(resourceCountsNote({})).toBeUndefined();
  });
});
