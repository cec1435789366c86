import { describe, expect, it } from 'vitest';
import { readCfgDefaults } from './ansible-cfg.js';

describe('readCfgDefaults', () => {
  it('reads [defaults] only: = and :, comments, inline ; comments, continuation lines, any case', () => {
    const text = [
      '# the homelab',
      '[defaults]',
      'inventory = inventory/hosts.yml ; where the hosts are',
      'Roles_Path: roles',
      '  :more-roles',
      '; a comment',
      'host_key_checking = False',
      '[ssh_connection]',
      'pipelining = True',
    ].join('\n');
    expect(readCfgDefaults(text)).toEqual({ inventory: 'inventory/hosts.yml', roles_path: 'roles\n:more-roles', host_key_checking: 'False' });
  });

  it('gives nothing for a file without [defaults]', () => {
    expect(readCfgDefaults('[privilege_escalation]\nbecome = True\n')).toEqual({});
  });
});
