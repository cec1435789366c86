import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { which } from '../exec/which.js';
import type { Reconciler } from '../reconciler.js';
import type { DoctorProbe } from '../reconciler.js';
import { probesOf, runProbe } from './probes.js';
import { skipUnlessCI } from '../../tests/helpers/ci.js';

const kind = { tools: [{ name: 'ansible-playbook', install: 'apt-get install ansible-core' }] } as unknown as Reconciler<any>;

function inventoryProbe(inventory: string): DoctorProbe {
  return { name: 'inventory', tool: 'ansible-inventory', args: ['-i', inventory, '--list'], json: true, failsOn: 'Unable to parse .*? as an inventory source', fix: 'fix the inventory' };
}

describe('probesOf', () => {
  it('asks the kind for its probes, and gives none when it has no probes member', () => {
    const withProbes = { ...kind, probes: (config: { inventory: string }) => [inventoryProbe(config.inventory)] } as unknown as Reconciler<any>;
    expect(probesOf(withProbes, { inventory: 'hosts.yml' }, '/repo')).toEqual([inventoryProbe('hosts.yml')]);
    expect(probesOf(kind, { inventory: 'hosts.yml' }, '/repo')).toEqual([]);
  });
});

describe('runProbe', () => {
  it('fails when the tool is missing, with the kind\'s install hint', async () => {
    const probe = { ...inventoryProbe('x'), tool: 'no-such-inventory-tool' };
    expect(await runProbe('indri', kind, probe, os.tmpdir())).toEqual({
      name: 'indri: inventory',
      status: 'fail',
      detail: 'no-such-inventory-tool not found on PATH',
      fix: 'install it: apt-get install ansible-core',
    });
  });

  it('fails when stdout is not JSON', async () => {
    const probe: DoctorProbe = { name: 'echo', tool: 'echo', args: ['not json'], json: true, fix: 'fix it' };
    expect(await runProbe('l', kind, probe, os.tmpdir())).toMatchObject({ status: 'fail', detail: '`echo not json` did not print JSON' });
  });

  describe.skipIf(skipUnlessCI(!which('ansible-inventory')))(`with the real ansible-inventory${which('ansible-inventory') ? '' : ' (ansible-core is not installed: skipped here, a failure under CI)'}`, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'doctor-inventory-'));
    writeFileSync(path.join(dir, 'good.yml'), 'all:\n  hosts:\n    indri:\n      ansible_host: 127.0.0.1\n');
    writeFileSync(path.join(dir, 'bad.yml'), 'all:\n  hosts:\n    indri: [\n');

    it('passes an inventory that parses', async () => {
      expect(await runProbe('indri', kind, inventoryProbe('good.yml'), dir)).toMatchObject({ status: 'ok', detail: '`ansible-inventory -i good.yml --list` succeeded' });
    });

    it('fails a broken or missing inventory although ansible-inventory exits 0', async () => {
      expect(await runProbe('indri', kind, inventoryProbe('bad.yml'), dir)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/Unable to parse .*bad\.yml as an inventory source/), fix: 'fix the inventory' });
      expect(await runProbe('indri', kind, inventoryProbe('missing.yml'), dir)).toMatchObject({ status: 'fail', detail: expect.stringContaining('missing.yml') });
    });
  });
});
