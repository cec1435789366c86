import { describe, expect, it } from 'vitest';
import { AnsibleConfig } from './schema.js';

describe('AnsibleConfig', () => {
  it('needs only a playbook, and checks by default', () => {
    expect(AnsibleConfig.parse({ playbook: 'ansible/playbooks/indri.yml' })).toEqual({ playbook: 'ansible/playbooks/indri.yml', check: true });
  });

  it('takes every key', () => {
    const config = AnsibleConfig.parse({
      playbook: 'p.yml',
      inventory: 'hosts.yml',
      limit: 'indri',
      tags: ['caddy', 'dns'],
      skipTags: 'slow',
      extraVars: { domain: 'example.org', port: 8080, debug: false },
      check: false,
    });
    expect(config.check).toBe(false);
    expect(config.extraVars).toEqual({ domain: 'example.org', port: 8080, debug: false });
  });

  it('refuses an op:// secret in extraVars, naming the key', () => {
    const result = AnsibleConfig.safeParse({ playbook: 'p.yml', extraVars: { token: 'op://vault/item/field' } });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(['extraVars', 'token']);
    expect(issue?.message).toContain('secrets may not go on argv');
    expect(issue?.message).toContain("lookup('env', 'NAME')");
  });

  it('rejects unknown keys', () => {
    const result = AnsibleConfig.safeParse({ playbook: 'p.yml', playbok: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['playbok'] });
  });

  it('rejects a missing playbook, empty tag lists and nested extraVars', () => {
    expect(AnsibleConfig.safeParse({}).success).toBe(false);
    expect(AnsibleConfig.safeParse({ playbook: 'p.yml', tags: [] }).success).toBe(false);
    expect(AnsibleConfig.safeParse({ playbook: 'p.yml', extraVars: { a: { b: 1 } } }).success).toBe(false);
  });
});
