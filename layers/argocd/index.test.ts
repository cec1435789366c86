import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reconciler } from './index.js';

describe('argocd reconciler', () => {
  it('declares its kind, verbs, tool, targets and options as data', () => {
    expect(reconciler.kind).toBe('argocd');
    expect(reconciler.verbs).toEqual({ apply: 'sync', plan: 'diff' });
    expect(reconciler.tools).toEqual([expect.objectContaining({ name: 'argocd', versionArgs: ['version', '--client', '--short'], minVersion: '2.14.0', auth: expect.objectContaining({ jsonField: 'loggedIn' }) })]);
    expect(reconciler.targets).toMatchObject({ noun: 'app' });
    expect(reconciler.options.map((option) => option.flags)).toEqual(['--revision <rev>', '--prune', '--allow-unpushed', '--force-sync']);
  });

  it('loads its schema lazily and keeps zod and yaml out of its top level', async () => {
    const schema = await reconciler.loadSchema();
    expect(schema.parse({ apps: 'argocd/apps' })).toMatchObject({ wait: true });
    const source = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^import (?!type).*from '(zod|yaml)'/m);
    const paths = readFileSync(new URL('./paths.ts', import.meta.url), 'utf8');
    expect(paths).not.toMatch(/^import (?!type).*from '(zod|yaml)'/m);
    expect(source + paths).not.toMatch(/execa/);
  });
});
