/**
 * Property tests: whatever argocd prints — truncated, garbled, huge, or JSON of a shape nobody
 * expected — the argocd kind answers with a result or a BlumeopsError (which the engine shows with
 * the layer's run log), never an uncaught TypeError that would surface as an "internal error".
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BlumeopsError } from '../../src/errors.js';
import type { LayerContext, ToolResult } from '../../src/reconciler.js';
import { apply } from './apply.js';
import { diffResources, errorMessage, jsonDocuments, parseAppList, parseApps, pruningRequired, timedOut } from './parse.js';
import { plan } from './plan.js';
import { ArgocdConfig } from './schema.js';
import { replaceSomewhere } from '../../tests/helpers/fuzz.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const LIST = fixture('app-list.json');
const SYNC = fixture('sync-cv.json');
const LOG = '/repo/.git/blumeops/runs/20261126T031500Z-4f2a/argocd.log';
const RUNS = { numRuns: 100 };

/** The fixture cut at any byte, with up to 8 characters overwritten, or plain random text. */
function garbled(text: string): fc.Arbitrary<string> {
  const cut = fc.integer({ min: 0, max: text.length }).map((end) => text.slice(0, end));
  const flipped = fc.array(fc.tuple(fc.nat(text.length - 1), fc.string({ minLength: 1, maxLength: 3 })), { maxLength: 8 }).map((edits) => {
    let out = text;
    for (const [at, chars] of edits) out = out.slice(0, at) + chars + out.slice(at + chars.length);
    return out;
  });
  return fc.oneof(cut, flipped, fc.string({ maxLength: 400 }), fc.jsonValue().map((value) => JSON.stringify(value)));
}

/** An app list with one value somewhere replaced by arbitrary JSON: valid JSON, odd shapes. */
function reshapedFrom(list: string): fc.Arbitrary<string> {
  return fc.tuple(fc.nat(), fc.nat(), fc.jsonValue()).map(([appIndex, pathSeed, value]) => reshape(list, appIndex, pathSeed, value));
}

function reshape(list: string, appIndex: number, pathSeed: number, value: unknown): string {
  const apps = JSON.parse(list) as Record<string, unknown>[];
  replaceSomewhere(apps[appIndex % apps.length], pathSeed, value, 4);
  return JSON.stringify(apps);
}

const reshaped = reshapedFrom(LIST);

function isExpected(error: unknown): boolean {
  return error instanceof BlumeopsError;
}

describe('parsers never throw anything but a BlumeopsError', () => {
  it('argocd app list -o json: an app list or an error that names the run log', () => {
    fc.assert(fc.property(fc.oneof(garbled(LIST), reshaped), (stdout) => {
      try {
        expect(Array.isArray(parseAppList(stdout, LOG))).toBe(true);
      } catch (error) {
        expect(error).toBeInstanceOf(BlumeopsError);
        expect((error as BlumeopsError).hint).toContain(LOG);
      }
    }), RUNS);
  });

  it('sync output, stderr and diff output: total functions', () => {
    fc.assert(fc.property(garbled(SYNC), fc.string({ maxLength: 300 }), (stdout, stderr) => {
      for (const doc of jsonDocuments(stdout)) expect(doc.startsWith('{') && doc.endsWith('}')).toBe(true);
      expect(Array.isArray(parseApps(stdout))).toBe(true);
      expect(typeof errorMessage(stderr + stdout)).toBe('string');
      expect(['number', 'undefined']).toContain(typeof pruningRequired(stderr));
      expect(typeof timedOut(stderr)).toBe('boolean');
      expect(Array.isArray(diffResources(stdout + stderr))).toBe(true);
    }), RUNS);
  });

  it('huge output: 10,000 apps, 2 MB of one line, 100,000 nested brackets', () => {
    const apps = JSON.parse(LIST) as { metadata: { name: string } }[];
    const many = Array.from({ length: 10_000 }, (_, i) => ({ ...apps[i % apps.length], metadata: { ...apps[i % apps.length].metadata, name: `app-${i}` } }));
    expect(parseAppList(JSON.stringify(many), LOG)).toHaveLength(10_000);
    const line = 'x'.repeat(2_000_000);
    expect(() => parseAppList(line, LOG)).toThrow(BlumeopsError);
    expect(errorMessage(line).length).toBe(2_000_000);
    const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => parseAppList(nested, LOG)).toThrow(BlumeopsError);
    expect(parseApps(`${'{'.repeat(100_000)}`)).toEqual([]);
  });
});

describe('plan and apply on whatever argocd prints', () => {
  let repo: string;
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'blumeops-argocd-fuzz-'));
    mkdirSync(join(repo, 'argocd/apps'), { recursive: true });
    for (const name of ['cv', 'grafana', 'immich']) {
      writeFileSync(join(repo, `argocd/apps/${name}.yaml`), `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: ${name}}\nspec:\n  project: default\n  source: {repoURL: https://forge.example/x.git, path: argocd/manifests/${name}, targetRevision: main}\n  destination: {server: https://kubernetes.default.svc, namespace: ${name}}\n  syncPolicy: {automated: {selfHeal: true}}\n`);
    }
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  function context(answer: (args: string[]) => Partial<ToolResult>, options: Record<string, unknown> = {}): LayerContext<ArgocdConfig> {
    return {
      name: 'argocd', config: ArgocdConfig.parse({ apps: 'argocd/apps', root: 'apps', waitTimeout: '1s' }), dir: repo, repoRoot: repo, commit: 'f'.repeat(40),
      extraArgs: [], targets: [], options, verbose: true, signal: new AbortController().signal, emit: vi.fn(),
      run: vi.fn(async (tool: string, args: string[]) => ({ command: tool, logPath: LOG, exitCode: 0, stdout: '', stderr: '', ...(tool === 'argocd' ? answer(args) : { exitCode: 128 }) })),
    };
  }

  it('plan: garbled or odd app lists and diffs give a plan or a BlumeopsError', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(garbled(LIST), reshaped), garbled(fixture('app-diff-immich.txt')), async (list, diff) => {
      const ctx = context((args) => (args[1] === 'list' ? { stdout: list } : { exitCode: 3, stdout: diff }));
      await plan(ctx).then((result) => expect(Array.isArray(result.changes)).toBe(true), (error: unknown) => expect(isExpected(error), String(error)).toBe(true));
    }), RUNS);
  });

  it('apply: garbled sync, list, get and wait output gives a result or a BlumeopsError', async () => {
    // immich syncs itself in this list, so apply waits for ArgoCD: the first `app get` is fuzz,
    // the next says it is synced (bounded: one poll).
    const apps = JSON.parse(LIST) as { metadata: { name: string }; spec: Record<string, unknown> }[];
    const immich = apps.find((app) => app.metadata.name === 'immich')!;
    immich.spec.syncPolicy = { automated: { selfHeal: true } };
    const synced = JSON.stringify({ ...immich, status: { sync: { status: 'Synced' }, health: { status: 'Healthy' } } });
    const outputs = fc.record({ list: fc.oneof(reshapedFrom(JSON.stringify(apps)), garbled(LIST)), sync: garbled(SYNC), get: fc.oneof(garbled(synced), reshaped), code: fc.constantFrom(0, 0, 1, 20) });
    await fc.assert(fc.asyncProperty(outputs, async ({ list, sync, get, code }) => {
      let gets = 0;
      const answer = (args: string[]) => {
        if (args[1] === 'get') return gets++ === 0 ? { stdout: get, exitCode: code } : { stdout: synced };
        return { stdout: { list, sync }[args[1]] ?? '', exitCode: args[1] === 'list' ? 0 : code, stderr: 'time="x" level=fatal msg="boom"' };
      };
      const planned = { changes: [{ action: 'create' as const, target: 'cv', summary: 'cv' }, { action: 'sync' as const, target: 'grafana', summary: 'grafana' }], warnings: [], data: { root: 'apps', prune: false, unpushed: 0, converging: ['immich'] } };
      await apply(context(answer), planned).then(() => undefined, (error: unknown) => expect(isExpected(error), String(error)).toBe(true));
    }), { numRuns: 40 });
  });
});
