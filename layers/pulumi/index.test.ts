import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reconciler } from './index.js';

describe('the pulumi reconciler', () => {
  it('declares its kind, verbs and tool', () => {
    expect(reconciler.kind).toBe('pulumi');
    expect(reconciler.verbs).toEqual({ apply: 'up', plan: 'preview' });
    expect(reconciler.tools).toEqual([expect.objectContaining({ name: 'pulumi', versionArgs: ['version'], minVersion: '3.100.0' })]);
  });

  it('loads its schema lazily and defaults its paths to the project dir', async () => {
    const schema = await reconciler.loadSchema();
    const config = schema.parse({ dir: 'pulumi/tailscale', stack: 'tail8d86e' });
    expect(reconciler.defaultPaths(config)).toEqual(['pulumi/tailscale']);
  });

  it('imports nothing but types at the top (blumeops --help loads it)', () => {
    const source = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
    const imports = source.split('\n').filter((line) => /^import\s/.test(line));
    expect(imports.length).toBeGreaterThan(0);
    for (const line of imports) expect(line).toMatch(/^import type /);
  });
});
