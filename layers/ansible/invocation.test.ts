import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlumeopsError } from '../../src/errors.js';
import { ansibleEnv, invocation, playbookArgs } from './invocation.js';
import { AnsibleConfig } from './schema.js';

const full = AnsibleConfig.parse({
  playbook: 'ansible/playbooks/indri.yml',
  inventory: 'ansible/inventory/hosts.yml',
  limit: 'indri',
  tags: ['caddy', 'dns'],
  skipTags: 'slow',
  extraVars: { domain: 'example.org', port: 443 },
});

describe('playbookArgs', () => {
  it('puts the keys first, then the mode, the args after --, and the playbook last', () => {
    expect(playbookArgs(full, ['-v'], 'check')).toEqual([
      '-i', 'ansible/inventory/hosts.yml',
      '--limit', 'indri',
      '--tags', 'caddy,dns',
      '--skip-tags', 'slow',
      '--extra-vars', '{"domain":"example.org","port":443}',
      '--check', '--diff',
      '-v',
      'ansible/playbooks/indri.yml',
    ]);
  });

  it('apply keeps --diff without --check; syntax-check only checks', () => {
    const minimal = AnsibleConfig.parse({ playbook: 'site.yml' });
    expect(playbookArgs(minimal, [], 'apply')).toEqual(['--diff', 'site.yml']);
    expect(playbookArgs(minimal, ['--tags', 'caddy'], 'syntax-check')).toEqual(['--syntax-check', '--tags', 'caddy', 'site.yml']);
  });
});

describe('ansibleEnv', () => {
  it('sets our stdout callback, its folder before ansible\'s defaults, and unbuffered Python: nothing ansible.cfg decides', () => {
    expect(ansibleEnv('/x/callback')).toEqual({
      ANSIBLE_STDOUT_CALLBACK: 'blumeops_events',
      ANSIBLE_CALLBACK_PLUGINS: '/x/callback:~/.ansible/plugins/callback:/usr/share/ansible/plugins/callback',
      PYTHONUNBUFFERED: '1',
    });
  });

  it('keeps the callback folders the ansible.cfg or the environment names, and names the ansible.cfg', () => {
    const place = { cwd: '/r/ansible', cfg: '/r/ansible/ansible.cfg', callbackPlugins: ['/r/ansible/plugins'] };
    expect(ansibleEnv('/x/callback', place)).toEqual({
      ANSIBLE_STDOUT_CALLBACK: 'blumeops_events',
      ANSIBLE_CALLBACK_PLUGINS: '/x/callback:/r/ansible/plugins',
      PYTHONUNBUFFERED: '1',
      ANSIBLE_CONFIG: '/r/ansible/ansible.cfg',
    });
    expect(ansibleEnv('/x/callback', place, '/mine:/x/callback').ANSIBLE_CALLBACK_PLUGINS).toBe('/x/callback:/mine');
  });
});

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'blumeops-ansible-cfg-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('invocation', () => {
  it('runs in the folder of the nearest ansible.cfg above the playbook, with paths relative to it', () => {
    const dir = repo({ 'ansible.cfg': '', 'ansible/ansible.cfg': '[defaults]\ncallback_plugins = plugins\n', 'ansible/playbooks/indri.yml': '' });
    const call = invocation(AnsibleConfig.parse({ playbook: 'ansible/playbooks/indri.yml', inventory: 'ansible/inventory/hosts.yml' }), dir, '/cb', '');
    expect(call.cwd).toBe(path.join(dir, 'ansible'));
    expect(call.args([], 'check')).toEqual(['-i', 'inventory/hosts.yml', '--check', '--diff', 'playbooks/indri.yml']);
    expect(call.env).toMatchObject({ ANSIBLE_CONFIG: path.join(dir, 'ansible/ansible.cfg'), ANSIBLE_CALLBACK_PLUGINS: `/cb:${path.join(dir, 'ansible/plugins')}` });
  });

  it('takes the config key over the search, keeps an inline host list, and runs at the root without any ansible.cfg', () => {
    const dir = repo({ 'ansible/ansible.cfg': '', 'ops/other.cfg': '', 'site.yml': '' });
    const chosen = invocation(AnsibleConfig.parse({ playbook: 'ansible/site.yml', config: 'ops/other.cfg', inventory: 'localhost,' }), dir, '/cb', '');
    expect(chosen.cwd).toBe(path.join(dir, 'ops'));
    expect(chosen.args([], 'apply')).toEqual(['-i', 'localhost,', '--diff', '../ansible/site.yml']);
    const bare = invocation(AnsibleConfig.parse({ playbook: 'site.yml' }), dir, '/cb', '');
    expect(bare.cwd).toBe(dir);
    expect(bare.env.ANSIBLE_CONFIG).toBeUndefined();
    expect(() => invocation(AnsibleConfig.parse({ playbook: 'site.yml', config: 'nope.cfg' }), dir, '/cb', '')).toThrow(BlumeopsError);
  });
});
