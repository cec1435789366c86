import type { Candidate } from './candidate.js';

/**
 * A valid layer name (`[a-z0-9][a-z0-9-]*`) from anything: lower-cased, other characters become
 * dashes, runs of dashes collapse, dashes at either end go. `fallback` when nothing is left.
 */
export function sanitizeName(wish: string, fallback: string): string {
  const name = wish
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return name || fallback;
}

/**
 * Makes every name valid and unique, first come first served: a taken name gets its kind as a
 * suffix (`indri-ansible`), then a number (`indri-2`).
 */
export function assignNames<T extends Pick<Candidate, 'name' | 'kind'>>(layers: readonly T[]): T[] {
  const taken = new Set<string>();
  return layers.map((layer) => {
    const base = sanitizeName(layer.name, layer.kind);
    let name = base;
    if (taken.has(name)) name = `${base}-${layer.kind}`;
    for (let number = 2; taken.has(name); number++) name = `${base}-${number}`;
    taken.add(name);
    return { ...layer, name };
  });
}
