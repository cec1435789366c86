import { isMap, isNode, isPair, isScalar, type Document, type LineCounter, type Node } from 'yaml';

export interface Position {
  line: number;
  col: number;
}

/**
 * Where the YAML node at `keyPath` starts (the yaml library's own lookup, `doc.getIn`), or its nearest
 * existing ancestor, so an error about a missing key points at the map that should hold it. With
 * `atKey`, points at the key itself. The one position helper: blumeops.yaml and a kind's own files.
 */
export function positionOf(doc: Document, lineCounter: LineCounter, keyPath: readonly PropertyKey[], atKey = false): Position {
  for (let length = keyPath.length; length >= 0; length--) {
    const path = keyPath.slice(0, length);
    const node = atKey && length === keyPath.length && length > 0 ? keyNode(doc, path) : nodeAt(doc, path);
    if (node?.range) return lineCounter.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

function nodeAt(doc: Document, path: readonly PropertyKey[]): Node | undefined {
  const node: unknown = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  return isNode(node) ? node : undefined;
}

function keyNode(doc: Document, path: readonly PropertyKey[]): Node | undefined {
  const parent = nodeAt(doc, path.slice(0, -1));
  if (!isMap(parent)) return undefined;
  const last = String(path.at(-1));
  const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === last);
  return pair && isNode(pair.key) ? pair.key : undefined;
}
