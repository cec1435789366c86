import { isMap, isPair, isScalar, type Document, type LineCounter, type Node } from 'yaml';

export interface Position {
  line: number;
  col: number;
}

/**
 * The position of the YAML node at `keyPath`, or of its nearest existing ancestor, so an error about
 * a missing key points at the map that should hold it. With `atKey`, points at the key itself.
 */
export function positionOf(doc: Document, lineCounter: LineCounter, keyPath: readonly PropertyKey[], atKey = false): Position {
  let node: unknown = doc.contents;
  let best: Node | undefined = doc.contents ?? undefined;
  for (let index = 0; index < keyPath.length; index++) {
    const segment = keyPath[index];
    if (!isMap(node) && !(node && typeof node === 'object' && 'items' in node)) break;
    const collection = node as { items: unknown[] };
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair || !isPair(pair)) break;
      const isLast = index === keyPath.length - 1;
      if (isLast && atKey) {
        best = pair.key as Node;
        break;
      }
      next = pair.value ?? pair.key;
    } else {
      next = collection.items[Number(segment)];
    }
    if (!next) break;
    node = next;
    best = next as Node;
  }
  const offset = best?.range?.[0] ?? 0;
  const { line, col } = lineCounter.linePos(offset);
  return { line, col };
}
