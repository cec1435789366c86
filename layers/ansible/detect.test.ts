import { describe, expect, it } from 'vitest';
import { repoView } from '../../src/detect/repo-view.js';
import { readTaskScript } from '../../src/detect/task-script.js';
import { scanAnsible } from './detect.js';
import { adoptAnsibleTask } from './detect-adopt.js';

const view = (files: Record<string, string>) => repoView(Object.keys(files), (file) => files[file]);

describe('scanAnsible', () => {
  it('finds playbooks anywhere but in roles and vars, and their inventories up to the ansible root', () => {
    const { layers } = scanAnsible(
      view({
        'ops/hosts': '[web]\nweb1 ansible_host=10.0.0.1\n[web:vars]\nx=1\n[nas:children]\nweb\n',
        'ops/plays/site.yml': '- import_playbook: web.yml\n',
        'ops/plays/web.yml': '- hosts: web\n  roles: [nginx]\n',
        'ops/plays/group_vars/all.yml': '- hosts: not-a-playbook\n',
        'ops/roles/nginx/tasks/main.yml': '- hosts: still-not\n',
        'elsewhere/lonely.yaml': '- name: a play\n  hosts: localhost\n',
        'k8s/list.yaml': '- a\n- b\n',
      }),
    );
    expect(layers.map((layer) => [layer.name, layer.config])).toEqual([
      ['lonely', { playbook: 'elsewhere/lonely.yaml' }],
      ['site', { playbook: 'ops/plays/site.yml', inventory: 'ops/hosts' }],
      ['web', { playbook: 'ops/plays/web.yml', inventory: 'ops/hosts', limit: 'web' }],
    ]);
    expect(layers[0].reason).toContain('no inventory found');
    expect(layers[2].reason).toContain('limit web (a group in the inventory)');
  });

  it('names the ansible.cfg that governs a playbook, and writes no inventory when the ansible.cfg gives one', () => {
    const { layers } = scanAnsible(
      view({
        'ansible/ansible.cfg': '[defaults]\ninventory = inventory/hosts.yml\nroles_path = roles\n',
        'ansible/inventory/hosts.yml': 'all:\n  hosts:\n    indri: {}\n    workstation: {}\n',
        'ansible/requirements.yml': 'collections:\n  - community.general\n',
        'ansible/playbooks/indri.yml': '- hosts: indri\n  roles: [alloy]\n',
      }),
    );
    expect(layers).toEqual([
      {
        name: 'indri',
        kind: 'ansible',
        reason: 'ansible playbook ansible/playbooks/indri.yml, ansible.cfg ansible/ansible.cfg (inventory ansible/inventory/hosts.yml), limit indri (a host in the inventory)',
        config: { playbook: 'ansible/playbooks/indri.yml', config: 'ansible/ansible.cfg', limit: 'indri' },
        tier: 'hosts',
        notes: ['the playbook may need what ansible/requirements.yml lists: ansible-galaxy install -r ansible/requirements.yml'],
      },
    ]);
  });
});

describe('adoptAnsibleTask', () => {
  const repo = view({
    'ansible/ansible.cfg': '[defaults]\ninventory = inventory/hosts.yml\n',
    'ansible/inventory/hosts.yml': 'all:\n  hosts:\n    indri: {}\n',
    'ansible/playbooks/indri.yml': '- hosts: indri\n',
  });
  const { layers } = scanAnsible(repo);
  const task = (text: string) => readTaskScript(text, { name: 'provision-indri', source: 'file', file: 'mise-tasks/provision-indri', dir: '.', scriptDir: 'mise-tasks' });

  it('adopts the folder it ran in (its ansible.cfg), flags and env; MISE_ settings are mise\'s own', () => {
    const adoption = adoptAnsibleTask(task('export MISE_TASK_OUTPUT=interleave\nexport ANSIBLE_FORCE_COLOR=1\ncd ansible\nansible-playbook playbooks/indri.yml -l indri --tags caddy,dns -e domain=example.org --diff -K "$@"\n'), layers, repo);
    expect(adoption?.layer).toBe(layers[0]);
    expect(adoption).toMatchObject({ verb: 'apply', config: { config: 'ansible/ansible.cfg', limit: 'indri', tags: ['caddy', 'dns'], extraVars: { domain: 'example.org' } }, env: { ANSIBLE_FORCE_COLOR: '1' } });
    expect(adoption?.notAdopted.map((item) => item.reason)).toEqual([expect.stringContaining('--ask-become-pass asks on the terminal')]);
  });

  it('a --check task is the plan verb; a playbook blumeops did not find is not a layer task', () => {
    expect(adoptAnsibleTask(task('cd ansible && ansible-playbook --check playbooks/indri.yml'), layers, repo)?.verb).toBe('plan');
    expect(adoptAnsibleTask(task('cd ansible && ansible-playbook playbooks/other.yml'), layers, repo)).toBeUndefined();
    expect(adoptAnsibleTask(task('ansible all -m ping'), layers, repo)).toBeUndefined();
  });
});
