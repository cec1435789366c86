/** What the pulumi layer's tests share: fixtures, a fake layer context around a fake `run`, error capture. */
import { readFileSync } from 'node:fs';
import { vi } from 'vitest';
import { BlumeopsError } from '../../../src/errors.js';
import type { LayerContext, Run } from '../../../src/reconciler.js';
import type { PulumiConfig } from '../schema.js';

export const LOG = '/repo/.git/blumeops/runs/r1/tailnet.log';

export function fixture(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

export function pulumiContext(repo: string, run: Run, options: { config?: Partial<PulumiConfig>; extraArgs?: string[] } = {}) {
  const emit = vi.fn();
  const ctx: LayerContext<PulumiConfig> = {
    name: 'tailnet',
    config: { dir: 'pulumi/tailscale', stack: 'tail8d86e', refresh: true, ...options.config },
    dir: repo,
    repoRoot: repo,
    commit: 'c0ffee'.padEnd(40, '0'),
    extraArgs: options.extraArgs ?? [],
    targets: [],
    options: {},
    verbose: false,
    signal: new AbortController().signal,
    run,
    emit,
  };
  return { ctx, emit };
}

export async function failure(promise: Promise<unknown>): Promise<BlumeopsError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof BlumeopsError)) throw new Error(`expected a BlumeopsError, got ${String(error)}`);
  return error;
}
