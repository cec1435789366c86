import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

  it('default paths: playbook, inventory, and roles/group_vars/host_vars/ansible.cfg beside each and beside the playbook folder', () => {
    const config = AnsibleConfig.parse({ playbook: 'ansible/playbooks/indri.yml', inventory: './ansible/inventory/hosts.yml' });
    const paths = reconciler.defaultPaths(config);
    expect(paths.slice(0, 2)).toEqual(['ansible/playbooks/indri.yml', 'ansible/inventory/hosts.yml']);
    for (const dir of ['ansible/playbooks', 'ansible', 'ansible/inventory']) {
      for (const side of ['roles', 'group_vars', 'host_vars', 'ansible.cfg']) expect(paths).toContain(`${dir}/${side}`);
    }
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('default paths dedupe, and skip an inline host list', () => {
    expect(reconciler.defaultPaths(AnsibleConfig.parse({ playbook: 'site.yml', inventory: 'hosts.yml' }))).toEqual([
      'site.yml',
      'hosts.yml',
      'roles',
      'group_vars',
      'host_vars',
      'ansible.cfg',
    ]);
    expect(reconciler.defaultPaths(AnsibleConfig.parse({ playbook: 'site.yml', inventory: 'localhost,' }))).toEqual([
      'site.yml',
      'roles',
      'group_vars',
      'host_vars',
      'ansible.cfg',
    ]);
  });

  it('asks doctor to check that the inventory parses (ansible-inventory exits 0 even when it cannot)', () => {
    const none = mkdtempSync(path.join(os.tmpdir(), 'blumeops-ansible-'));
    const [probe] = reconciler.probes(AnsibleConfig.parse({ playbook: 'site.yml', inventory: 'hosts.yml' }), none);
    expect(probe).toMatchObject({ tool: 'ansible-inventory', args: ['-i', 'hosts.yml', '--list'], json: true, cwd: '.' });
    expect(reconciler.probes(AnsibleConfig.parse({ playbook: 'site.yml', inventory: 'localhost,' }), none)).toEqual([]);
  });

  it('checks the ansible.cfg, and the inventory it names, in its folder; toolConfig names it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'blumeops-ansible-'));
    mkdirSync(path.join(dir, 'ansible/playbooks'), { recursive: true });
    writeFileSync(path.join(dir, 'ansible/ansible.cfg'), '[defaults]\ninventory = inventory/hosts.yml ; the homelab\nroles_path = roles\n');
    const config = AnsibleConfig.parse({ playbook: 'ansible/playbooks/indri.yml' });
    const env = { ANSIBLE_CONFIG: path.join(dir, 'ansible/ansible.cfg') };
    expect(reconciler.probes(config, dir)).toMatchObject([
      { name: 'ansible.cfg ansible/ansible.cfg', tool: 'ansible-config', args: ['dump', '--only-changed'], cwd: 'ansible', env },
      { name: 'inventory (from ansible/ansible.cfg)', tool: 'ansible-inventory', args: ['--list'], cwd: 'ansible', env },
    ]);
    expect(reconciler.probes({ ...config, inventory: 'ansible/inventory/other.yml' }, dir)[1]).toMatchObject({ name: 'inventory', args: ['-i', 'inventory/other.yml', '--list'] });
    expect(reconciler.toolConfig(config, dir)).toBe('ansible/ansible.cfg');
    expect(reconciler.defaultPaths(config, dir)).toContain('ansible/ansible.cfg');
  });
});
