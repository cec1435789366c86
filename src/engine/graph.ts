import { BlumeopsError } from '../errors.js';

export interface GraphNode {
  name: string;
  needs: readonly string[];
}

/** Layers in dependency order (a layer after everything it needs); file order breaks ties. Throws on a cycle. */
export function dependencyOrder<T extends GraphNode>(nodes: readonly T[]): T[] {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const state = new Map<string, 'visiting' | 'done'>();
  const ordered: T[] = [];
  const stack: string[] = [];

  function visit(node: T): void {
    const seen = state.get(node.name);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(node.name)), node.name];
      throw new BlumeopsError(`dependency cycle: ${cycle.join(' → ')}`, {
        hint: 'remove one of these `needs` entries in blumeops.yaml',
      });
    }
    state.set(node.name, 'visiting');
    stack.push(node.name);
    for (const need of node.needs) {
      const dependency = byName.get(need);
      if (dependency) visit(dependency);
    }
    stack.pop();
    state.set(node.name, 'done');
    ordered.push(node);
  }

  for (const node of nodes) visit(node);
  return ordered;
}

/** Dependencies of the selected layers that were not selected themselves, per layer. */
export function unselectedNeeds(selected: readonly GraphNode[]): Map<string, string[]> {
  const names = new Set(selected.map((node) => node.name));
  const missing = new Map<string, string[]>();
  for (const node of selected) {
    const absent = node.needs.filter((need) => !names.has(need));
    if (absent.length > 0) missing.set(node.name, absent);
  }
  return missing;
}
