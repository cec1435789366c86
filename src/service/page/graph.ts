import type { BoardLayer } from '../dashboard-model.js';
import { s } from './dom.js';

const W = 168;
const H = 52;
const GAP_X = 56;
const GAP_Y = 18;
const PAD = 8;

/** Each layer's column: 0 without needs, else one more than its deepest need. */
export function depths(layers: readonly BoardLayer[]): Map<string, number> {
  const byName = new Map(layers.map((layer) => [layer.name, layer]));
  const depth = new Map<string, number>();
  const visit = (name: string, seen: Set<string>): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    const layer = byName.get(name);
    if (!layer || seen.has(name)) return 0;
    seen.add(name);
    const value = layer.needs.filter((need) => byName.has(need)).reduce((max, need) => Math.max(max, visit(need, seen) + 1), 0);
    depth.set(name, value);
    return value;
  };
  for (const layer of layers) visit(layer.name, new Set());
  return depth;
}

/**
 * The layers as a dependency graph: needs on the left (top when `vertical`), each node coloured by
 * its state through its class. Clicking a node calls `select` with its name.
 */
export function layerGraph(layers: readonly BoardLayer[], vertical: boolean, select: (name: string) => void): SVGSVGElement {
  const depth = depths(layers);
  const columns: BoardLayer[][] = [];
  for (const layer of layers) (columns[depth.get(layer.name) ?? 0] ??= []).push(layer);
  const place = new Map<string, { x: number; y: number }>();
  columns.forEach((column, c) =>
    column.forEach((layer, r) => {
      const across = PAD + c * ((vertical ? H : W) + (vertical ? GAP_Y * 2 : GAP_X));
      const down = PAD + r * ((vertical ? W : H) + (vertical ? GAP_X / 2 : GAP_Y));
      place.set(layer.name, vertical ? { x: down, y: across } : { x: across, y: down });
    }),
  );
  const right = Math.max(0, ...[...place.values()].map((p) => p.x + W)) + PAD;
  const bottom = Math.max(0, ...[...place.values()].map((p) => p.y + H)) + PAD;
  const svg = s('svg', { class: 'graph', viewBox: `0 0 ${right} ${bottom}`, width: right, height: bottom, role: 'img', 'aria-label': 'the layers and what each needs' });
  svg.append(s('defs', null, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }))));
  for (const layer of layers) {
    const to = place.get(layer.name)!;
    for (const need of layer.needs) {
      const from = place.get(need);
      if (!from) continue;
      const d = vertical
        ? `M${from.x + W / 2},${from.y + H} C${from.x + W / 2},${to.y - GAP_Y} ${to.x + W / 2},${from.y + H + GAP_Y} ${to.x + W / 2},${to.y}`
        : `M${from.x + W},${from.y + H / 2} C${to.x - GAP_X / 2},${from.y + H / 2} ${from.x + W + GAP_X / 2},${to.y + H / 2} ${to.x},${to.y + H / 2}`;
      svg.append(s('path', { d, class: 'edge', 'marker-end': 'url(#arrow)' }));
    }
  }
  for (const layer of layers) {
    const { x, y } = place.get(layer.name)!;
    const node = s(
      'g',
      { class: `node state-${layer.state}`, 'data-layer': layer.name, 'data-state': layer.state, transform: `translate(${x},${y})`, tabindex: 0, role: 'button' },
      s('title', null, `${layer.name} (${layer.kind}): ${layer.state}${layer.detail ? ` — ${layer.detail}` : ''}`),
      s('rect', { width: W, height: H, rx: 8 }),
      s('text', { x: 12, y: 21, class: 'name' }, clip(layer.name, 18)),
      s('text', { x: 12, y: 40, class: 'sub' }, `${clip(layer.kind, 10)} · ${layer.state}`),
    );
    node.addEventListener('click', () => select(layer.name));
    node.addEventListener('keydown', (event) => (event.key === 'Enter' || event.key === ' ' ? select(layer.name) : undefined));
    svg.append(node);
  }
  return svg;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
