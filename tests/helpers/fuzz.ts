/**
 * Walks up to `depth` levels into `root` along `seed` (each level picks a key from it) and replaces
 * the value found there with `value`: a tool's JSON reshaped at a random place, for the parsers'
 * property tests.
 */
export function replaceSomewhere(root: unknown, seed: number, value: unknown, depth = 5): void {
  let node = root as Record<string, unknown>;
  for (let level = 0; level < depth; level++) {
    const keys = Object.keys(node);
    if (keys.length === 0) return;
    const key = keys[seed % keys.length];
    seed = Math.floor(seed / keys.length);
    const child = node[key];
    if (level === depth - 1 || child === null || typeof child !== 'object' || seed % 3 === 0) {
      node[key] = value;
      return;
    }
    node = child as Record<string, unknown>;
  }
}
