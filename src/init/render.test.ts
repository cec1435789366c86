import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load.js';
import { registry } from '../../layers/index.js';
import type { Candidate } from './candidate.js';
import { renderConfig, scalar } from './render.js';

const LAYERS: Candidate[] = [
  { name: 'tailnet', kind: 'pulumi', tier: 'tailnet', reason: 'pulumi project pulumi/tailscale, stack tail8d86e (Pulumi.tail8d86e.yaml)', config: { dir: 'pulumi/tailscale', stack: 'tail8d86e', prepare: 'uv sync --quiet' }, needs: [], notes: ['a note'], env: { TAILSCALE_OAUTH_CLIENT_ID: 'op://blumeops/tailscale - blumeops/client_id', TAILSCALE_TAILNET: 'tail8d86e.ts.net' }, tasks: ['tailnet-up', 'tailnet-preview'] },
  { name: 'indri', kind: 'ansible', tier: 'hosts', reason: 'ansible playbook\nwith a newline', config: { playbook: 'ansible/playbooks/indri.yml', inventory: 'ansible/inventory/hosts.yml', limit: 'indri', tags: ['caddy', 'dns'], extraVars: { domain: 'example.org', 'odd key': 'yes' } }, needs: ['tailnet'], notes: [], env: {}, tasks: [] },
  { name: 'argocd', kind: 'argocd', tier: 'kubernetes', reason: 'argocd Applications', config: { apps: 'argocd/apps', root: 'apps', grpcWeb: true }, needs: ['indri'], notes: [], env: {}, tasks: [] },
];

describe('renderConfig', () => {
  it('writes version 1 first, a comment per layer, needs marked as a suggestion, and loads as it is', async () => {
    const text = renderConfig(LAYERS);
    expect(text.split('\n').find((line) => !line.startsWith('#'))).toBe('version: 1');
    expect(text).toContain('  # pulumi project pulumi/tailscale, stack tail8d86e (Pulumi.tail8d86e.yaml)\n  tailnet:\n    kind: pulumi\n');
    expect(text).toContain('    # a note\n');
    expect(text).toContain('  # ansible playbook with a newline\n');
    expect(text).toMatch(/# suggested order, tailnet → hosts → Kubernetes: check it\n {4}needs: \[tailnet\]\n/);
    expect(text).toContain('    # from the old tasks tailnet-up, tailnet-preview; op:// values are read with `op read` at run time\n    env:\n      TAILSCALE_OAUTH_CLIENT_ID: "op://blumeops/tailscale - blumeops/client_id"\n');
    const config = await parseConfig(text, '/repo/blumeops.yaml', registry);
    expect(config.layers[0].env.TAILSCALE_TAILNET).toBe('tail8d86e.ts.net');
    expect(config.layers[0].config).toMatchObject({ prepare: 'uv sync --quiet' });
    expect(config.layers[1].config).toMatchObject({ tags: ['caddy', 'dns'], extraVars: { domain: 'example.org', 'odd key': 'yes' } });
    expect(config.layers[2].config).toMatchObject({ grpcWeb: true });
    expect(config.layers.map((layer) => [layer.name, layer.kind, layer.needs])).toEqual([
      ['tailnet', 'pulumi', []],
      ['indri', 'ansible', ['tailnet']],
      ['argocd', 'argocd', ['indri']],
    ]);
  });
});

describe('scalar', () => {
  it('reads back as the same string, quoting what YAML would read otherwise', () => {
    const values = ['tail8d86e', 'pulumi/tailscale', '.', 'true', 'no', 'null', '~', '1.10', '0x1f', '1e5', '123', 'a: b', '#x', '- x', 'it\'s "q"', '', ' lead', 'dev.us', '@x', '*a', 'ç'];
    for (const value of values) expect(parse(`key: ${scalar(value)}\n`).key, value).toBe(value);
    expect(scalar('tail8d86e')).toBe('tail8d86e');
    expect(scalar('true')).toBe('"true"');
  });
});
