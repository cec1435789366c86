/**
 * `blumeops context` for an ansible layer: the playbook, the inventory and the hosts it targets —
 * from `ansible-inventory --list` when that is installed (read-only, no connection to any host).
 */
import path from 'node:path';
import type { LayerContext, LayerDescription } from '../../src/reconciler.js';
import { cfgDefaults } from './ansible-cfg.js';
import { fromPlace, placeOf, type Place } from './invocation.js';
import type { AnsibleConfig } from './schema.js';

interface InventoryList {
  _meta?: { hostvars?: Record<string, unknown> };
  [group: string]: { hosts?: string[]; children?: string[] } | { hostvars?: Record<string, unknown> } | undefined;
}

export async function describeAnsible(ctx: LayerContext<AnsibleConfig>): Promise<LayerDescription> {
  const { playbook, limit, tags } = ctx.config;
  const place = placeOf(ctx.config, ctx.dir);
  const cfg = place.cfg && path.relative(ctx.dir, place.cfg);
  const inventory = ctx.config.inventory ?? (cfg && cfgDefaults(ctx.dir, cfg).inventory ? `from ${cfg}` : undefined);
  const facts: string[] = [];
  if (cfg) facts.push(`ansible.cfg: ${cfg}`);
  if (inventory) facts.push(`inventory: ${inventory}`);
  if (limit) facts.push(`limit: ${limit}`);
  if (tags) facts.push(`tags: ${[tags].flat().join(', ')}`);
  const hosts = inventory ? await inventoryHosts(ctx, place) : undefined;
  if (hosts) facts.push(`hosts in the inventory: ${hosts.join(', ') || 'none'}`);
  else if (inventory) facts.push('hosts: unknown (ansible-inventory could not list them)');
  return { summary: `Ansible playbook ${playbook}${limit ? ` limited to ${limit}` : ''}`, facts };
}

async function inventoryHosts(ctx: LayerContext<AnsibleConfig>, place: Place): Promise<string[] | undefined> {
  const { inventory } = ctx.config;
  const args = inventory ? ['-i', fromPlace(place, ctx.dir, inventory), '--list'] : ['--list'];
  try {
    const result = await ctx.run('ansible-inventory', args, { cwd: place.cwd, env: place.cfg ? { ANSIBLE_CONFIG: place.cfg } : {} });
    const list = JSON.parse(result.stdout) as InventoryList;
    return Object.keys(list._meta?.hostvars ?? {}).sort();
  } catch {
    return undefined;
  }
}
