/**
 * `blumeops context` for an ansible layer: the playbook, the inventory and the hosts it targets —
 * from `ansible-inventory --list` when that is installed (read-only, no connection to any host).
 */
import type { LayerContext, LayerDescription } from '../../src/reconciler.js';
import type { AnsibleConfig } from './schema.js';

interface InventoryList {
  _meta?: { hostvars?: Record<string, unknown> };
  [group: string]: { hosts?: string[]; children?: string[] } | { hostvars?: Record<string, unknown> } | undefined;
}

export async function describeAnsible(ctx: LayerContext<AnsibleConfig>): Promise<LayerDescription> {
  const { playbook, inventory, limit, tags } = ctx.config;
  const facts: string[] = [];
  if (inventory) facts.push(`inventory: ${inventory}`);
  if (limit) facts.push(`limit: ${limit}`);
  if (tags) facts.push(`tags: ${[tags].flat().join(', ')}`);
  const hosts = inventory ? await inventoryHosts(ctx, inventory) : undefined;
  if (hosts) facts.push(`hosts in the inventory: ${hosts.join(', ') || 'none'}`);
  else if (inventory) facts.push('hosts: unknown (ansible-inventory could not list them)');
  return { summary: `Ansible playbook ${playbook}${limit ? ` limited to ${limit}` : ''}`, facts };
}

async function inventoryHosts(ctx: LayerContext<AnsibleConfig>, inventory: string): Promise<string[] | undefined> {
  try {
    const result = await ctx.run('ansible-inventory', ['-i', inventory, '--list'], { cwd: ctx.dir, env: { ANSIBLE_NOCOLOR: '1' } });
    const list = JSON.parse(result.stdout) as InventoryList;
    return Object.keys(list._meta?.hostvars ?? {}).sort();
  } catch {
    return undefined;
  }
}
