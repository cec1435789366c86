import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { BlumeopsError } from '../errors.js';
import type { Reconciler } from '../reconciler.js';
import { parseConfig } from './load.js';

const FakeConfig = z.strictObject({ dir: z.string(), stack: z.string(), refresh: z.boolean().default(true) });
const fake: Reconciler<z.infer<typeof FakeConfig>> = {
  kind: 'pulumi',
  description: 'test',
  verbs: { apply: 'up', plan: 'preview' },
  loadSchema: async () => FakeConfig,
  tools: [],
  defaultPaths: (config) => [config.dir],
  plan: async () => ({ changes: [], warnings: [] }),
  apply: async () => ({ changes: [], warnings: [] }),
};
const other = { ...fake, kind: 'ansible', verbs: { apply: 'provision', plan: 'check' } };

async function errorOf(text: string): Promise<BlumeopsError> {
  try {
    await parseConfig(text, '/repo/blumeops.yaml', [fake, other]);
  } catch (error) {
    if (error instanceof BlumeopsError) return error;
    throw error;
  }
  throw new Error('expected a config error');
}

const VALID = `version: 1
layers:
  tailnet:
    kind: pulumi
    dir: pulumi/tailscale
    stack: tail8d86e
    env:
      TAILSCALE_TAILNET: tail8d86e.ts.net
      PORT: 8080
  indri:
    kind: ansible
    dir: x
    stack: y
    needs: [tailnet]
    timeout: 10m
    paths: [ansible]
`;

describe('parseConfig', () => {
  it('parses layers with common keys, kind keys, defaults and default paths', async () => {
    const config = await parseConfig(VALID, '/repo/blumeops.yaml', [fake, other]);
    expect(config.root).toBe('/repo');
    const [tailnet, indri] = config.layers;
    expect(tailnet).toMatchObject({ name: 'tailnet', kind: 'pulumi', needs: [], timeout: '30m', timeoutMs: 1_800_000, paths: ['pulumi/tailscale'] });
    expect(tailnet.env).toEqual({ TAILSCALE_TAILNET: 'tail8d86e.ts.net', PORT: '8080' });
    expect(tailnet.config).toEqual({ dir: 'pulumi/tailscale', stack: 'tail8d86e', refresh: true });
    expect(indri).toMatchObject({ needs: ['tailnet'], timeoutMs: 600_000, paths: ['ansible'] });
  });

  it('points a wrong type at file:line:col with the key path', async () => {
    const error = await errorOf('version: 1\nlayers:\n  tailnet:\n    kind: pulumi\n    dir: d\n    stack: [a, b]\n');
    expect(error.message).toBe('blumeops.yaml:6:12: layers.tailnet.stack: expected a string');
    expect(error.location).toMatchObject({ line: 6, col: 12, keyPath: 'layers.tailnet.stack' });
  });

  it('names a missing required key at its parent map', async () => {
    const error = await errorOf('version: 1\nlayers:\n  tailnet:\n    kind: pulumi\n    dir: d\n');
    expect(error.message).toBe('blumeops.yaml:4:5: layers.tailnet.stack: required (expected a string)');
  });

  it('suggests the nearest key for an unknown key and points at the key', async () => {
    const error = await errorOf('version: 1\nlayers:\n  tailnet:\n    kind: pulumi\n    dir: d\n    stack: s\n    stak: s\n');
    expect(error.message).toBe('blumeops.yaml:7:5: layers.tailnet.stak: unknown key "stak"');
    expect(error.hint).toBe('did you mean "stack"?');
  });

  it('lists the known kinds for an unknown kind', async () => {
    const error = await errorOf('version: 1\nlayers:\n  tailnet:\n    kind: pulumy\n');
    expect(error.message).toBe('blumeops.yaml:4:11: layers.tailnet.kind: unknown kind "pulumy"');
    expect(error.hint).toContain('did you mean "pulumi"?');
    expect(error.hint).toContain('known kinds: pulumi, ansible');
  });

  it('points a YAML syntax error at its position', async () => {
    const error = await errorOf('version: 1\nlayers:\n  tailnet:\n    kind: pulumi\n   dir: "unterminated\n');
    expect(error.message).toMatch(/^blumeops\.yaml:\d+:\d+: YAML syntax error: /);
    expect(error.location?.line).toBeGreaterThanOrEqual(4);
  });

  it('rejects bad layer names, versions, durations and unknown needs', async () => {
    expect((await errorOf('version: 1\nlayers:\n  Tailnet:\n    kind: pulumi\n')).message).toContain('layers.Tailnet: a layer name must match');
    expect((await errorOf('version: 2\nlayers: {}\n')).message).toBe('blumeops.yaml:1:10: version: expected version: 1');
    expect((await errorOf('version: 1\nlayers:\n  t:\n    kind: pulumi\n    dir: d\n    stack: s\n    timeout: soon\n')).message).toBe(
      'blumeops.yaml:7:14: layers.t.timeout: expected a duration such as 90s, 30m or 1h',
    );
    const needs = await errorOf('version: 1\nlayers:\n  tailnet:\n    kind: pulumi\n    dir: d\n    stack: s\n    needs: [tailnte]\n');
    expect(needs.message).toBe('blumeops.yaml:7:13: layers.tailnet.needs.0: unknown layer "tailnte"');
    expect(needs.hint).toBe('did you mean "tailnet"?');
  });

  it('resolves YAML merge keys, with anchors under top-level x- keys: shared settings are merged, not unknown keys', async () => {
    const merged = await parseConfig(
      `version: 1
x-pulumi: &pulumi
  kind: pulumi
  stack: home
  env: { PULUMI_BACKEND_URL: 'file://~' }
layers:
  tailnet:
    <<: *pulumi
    dir: pulumi/tailscale
  dns:
    <<: *pulumi
    dir: pulumi/gandi
    stack: gandi
`,
      '/repo/blumeops.yaml',
      [fake, other],
    );
    expect(merged.layers.map((layer) => [layer.name, layer.kind, (layer.config as { dir: string }).dir, (layer.config as { stack: string }).stack, layer.env.PULUMI_BACKEND_URL])).toEqual([
      ['tailnet', 'pulumi', 'pulumi/tailscale', 'home', 'file://~'],
      ['dns', 'pulumi', 'pulumi/gandi', 'gandi', 'file://~'],
    ]);
    expect((await errorOf('version: 1\nextras: 1\nlayers: {}\n')).message).toMatch(/extras/);
  });
});
