import { describe, expect, it } from 'vitest';
import { ansibleEnv, playbookArgs } from './invocation.js';
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
  it('selects our callback from its directory', () => {
    expect(ansibleEnv('/x/callback')).toEqual({
      ANSIBLE_STDOUT_CALLBACK: 'blumeops_events',
      ANSIBLE_CALLBACK_PLUGINS: '/x/callback',
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_RETRY_FILES_ENABLED: '0',
      ANSIBLE_HOST_KEY_CHECKING: 'False',
      PYTHONUNBUFFERED: '1',
    });
  });
});
