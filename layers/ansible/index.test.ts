import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reconciler } from './index.js';
import { AnsibleConfig } from './schema.js';

describe('the ansible reconciler', () => {
  it('declares its kind, verbs and tool', () => {
    expect(reconciler.kind).toBe('ansible');
    expect(reconciler.verbs).toEqual({ apply: 'provision', plan: 'check' });
    expect(reconciler.tools.map((tool) => tool.name)).toEqual(['ansible-playbook']);
  });

  it('loads its schema lazily, and index.ts imports no zod at the top', async () => {
    expect(await reconciler.loadSchema()).toBe(AnsibleConfig);
    const source = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^import (?!type )[^;]*from '(zod|\.\/schema\.js|\.\/plan\.js|\.\/apply\.js)'/m);
  });

  it('default paths: playbook, inventory, and roles/group_vars/host_vars beside each', () => {
    const config = AnsibleConfig.parse({ playbook: 'ansible/playbooks/indri.yml', inventory: './ansible/inventory/hosts.yml' });
    expect(reconciler.defaultPaths(config)).toEqual([
      'ansible/playbooks/indri.yml',
      'ansible/inventory/hosts.yml',
      'ansible/playbooks/roles',
      'ansible/playbooks/group_vars',
      'ansible/playbooks/host_vars',
      'ansible/inventory/roles',
      'ansible/inventory/group_vars',
      'ansible/inventory/host_vars',
    ]);
  });

  it('default paths dedupe, and skip an inline host list', () => {
    expect(reconciler.defaultPaths(AnsibleConfig.parse({ playbook: 'site.yml', inventory: 'hosts.yml' }))).toEqual([
      'site.yml',
      'hosts.yml',
      'roles',
      'group_vars',
      'host_vars',
    ]);
    expect(reconciler.defaultPaths(AnsibleConfig.parse({ playbook: 'site.yml', inventory: 'localhost,' }))).toEqual([
      'site.yml',
      'roles',
      'group_vars',
      'host_vars',
    ]);
  });
});
