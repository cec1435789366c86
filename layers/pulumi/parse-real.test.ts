/**
 * The parsers on output captured from the REAL pulumi (v3.260, Python program, dynamic providers):
 * __fixtures__/real/capture.sh. Where the real tool differed from the hand-written fixtures, these
 * tests pin what blumeops makes of it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ToolError } from '../../src/errors.js';
import type { ToolResult } from '../../src/reconciler.js';
import { knownFailure } from './failure.js';
import { parsePreview, parseUpEvents } from './parse.js';

function real(name: string): string {
  const url = new URL(`./__fixtures__/real/${name}`, import.meta.url);
  return existsSync(url) ? readFileSync(url, 'utf8') : '';
}

function exitCode(name: string): number {
  const line = real('exit-codes.txt').split('\n').find((entry) => entry.startsWith(`${name} `));
  if (!line) throw new Error(`no exit code captured for ${name}`);
  return Number(line.split(' ')[1]);
}

function capturedRun(name: string, stdoutFile?: string): ToolResult {
  return { command: 'pulumi', logPath: '/logs/tailnet.log', exitCode: exitCode(name), stdout: stdoutFile ? real(stdoutFile) : '', stderr: real(`${name}.stderr.txt`) };
}

const URN = 'urn:pulumi:tail8d86e::blumeops-tailnet::pulumi-python:dynamic/tailnet:';
const TAGS = `${URN}DeviceTags::indri-tags`;
const DNS = `${URN}Nameservers::dns`;

describe('real pulumi preview --json', () => {
  it('a fresh stack: one create per resource, the stack resource itself is not a change', () => {
    const { plan, errors, changeSummary } = parsePreview(real('preview-create.json'));
    expect(plan.changes.map((change) => change.summary).sort()).toEqual([
      'pulumi-python:dynamic/tailnet:Acl tailnet-acl',
      'pulumi-python:dynamic/tailnet:DeviceTags indri-tags',
      'pulumi-python:dynamic/tailnet:Nameservers dns',
    ]);
    expect(changeSummary).toEqual({ create: 4 });
    expect(errors).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  it('in sync after a refresh: the refresh steps are not changes', () => {
    const { plan } = parsePreview(real('preview-in-sync.json'));
    expect(plan).toEqual({ changes: [], warnings: [] });
  });

  it('names the properties of an update although a dynamic provider sends no detailedDiff', () => {
    const { plan } = parsePreview(real('expect-no-changes.json'));
    const dns = plan.changes.find((change) => change.target === DNS);
    expect(dns).toEqual({ action: 'update', target: DNS, summary: 'pulumi-python:dynamic/tailnet:Nameservers dns: nameservers', diff: 'nameservers:\n- ["100.100.100.100"]\n+ ["8.8.8.8"]' });
    expect(plan.changes.find((change) => change.target === TAGS)?.summary).toBe('pulumi-python:dynamic/tailnet:DeviceTags indri-tags: tags');
  });

  it('shows drift found by the refresh: old outputs against the unchanged inputs', () => {
    const { plan } = parsePreview(real('preview-drift.json'));
    expect(plan.changes).toEqual([
      { action: 'update', target: TAGS, summary: 'pulumi-python:dynamic/tailnet:DeviceTags indri-tags: tags (drift)', diff: 'tags:\n- ["tag:rogue"]\n+ ["tag:server"]' },
    ]);
  });

  it('keeps the secret inputs masked, and the pickled provider out of every diff', () => {
    const { plan } = parsePreview(real('preview-create.json'));
    const text = JSON.stringify(plan);
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('__provider');
  });
});

describe('real pulumi up --json', () => {
  it('a first update: three created, pulumi counts four with the stack', () => {
    const outcome = parseUpEvents(real('up-create.jsonl'));
    expect(outcome.changes.map((change) => change.action)).toEqual(['create', 'create', 'create']);
    expect(outcome.summary?.resourceChanges).toEqual({ create: 4 });
    expect(outcome).toMatchObject({ failures: [], errors: [], warnings: [], cancelled: false, ended: true });
  });

  it('--target: only the targeted resource changes; the other pending change is a same', () => {
    const outcome = parseUpEvents(real('up-target.jsonl'));
    expect(outcome.changes.map((change) => change.target)).toEqual([TAGS]);
  });

  it("a provider's Python exception: its last line is the message, pulumi's own 'update failed' is not repeated", () => {
    const outcome = parseUpEvents(real('up-provider-fails.jsonl'));
    expect(outcome.failures).toEqual([
      { target: TAGS, message: "could not update pulumi-python:dynamic/tailnet:DeviceTags indri-tags: device indri: invalid tag 'tag:Bad Tag' (tags look like tag:name)" },
    ]);
    expect(outcome.errors).toEqual([]);
    expect(outcome.summary?.result).toBe('failed');
    expect(exitCode('up-provider-fails')).toBe(1);
  });

  it('Ctrl-C: pulumi 3.260 reports result "failed" and exits 1, the ^C notice says it was cancelled', () => {
    const outcome = parseUpEvents(real('up-interrupted.jsonl'));
    expect(outcome.cancelled).toBe(true);
    expect(outcome.summary?.result).toBe('failed');
    expect(outcome.changes.map((change) => change.action)).toEqual(['update', 'update']);
    expect(exitCode('up-interrupted')).toBe(1);
  });
});

describe('real pulumi failures on stderr', () => {
  it('a stack that does not exist (exit 6)', () => {
    const error = knownFailure(capturedRun('no-stack'), 'preview', 'tail8d86e', '/repo/pulumi/tailscale');
    expect(error).toBeInstanceOf(ToolError);
    expect(error?.message).toBe("pulumi stack 'tail8d86e' does not exist for the project in /repo/pulumi/tailscale");
  });

  it('a stack locked by another update (exit 1) names the lock and what to do', () => {
    const error = knownFailure(capturedRun('locked'), 'update', 'tail8d86e', '/repo/pulumi/tailscale') as ToolError;
    expect(error).toBeInstanceOf(ToolError);
    expect(error.message).toBe("pulumi stack 'tail8d86e' is locked by another pulumi process (USER@HOST, pid 1)");
    expect(error.hint).toContain('wait for it to finish');
    expect(error.hint).toContain('pulumi cancel --stack tail8d86e --cwd /repo/pulumi/tailscale');
  });

  it('--expect-no-changes on a preview with changes (exit 7) is not mistaken for another failure', () => {
    const run = capturedRun('expect-no-changes', 'expect-no-changes.json');
    expect(run.exitCode).toBe(7);
    expect(knownFailure(run, 'preview', 'tail8d86e', '/repo')).toBeUndefined();
  });

  it('an interrupted update says nothing on stderr: only its ^C notice tells (see parseUpEvents)', () => {
    expect(knownFailure(capturedRun('up-interrupted'), 'update', 'tail8d86e', '/repo')).toBeUndefined();
  });
});
