import type { ContextDocument } from '../engine/context-schema.js';
import { BlumeopsError } from '../errors.js';

/** How many commits per layer survive the first trimming step. */
const KEPT_COMMITS = 3;

/**
 * Shortens the document until `render(doc)` fits in `maxBytes`, least important first: old history,
 * per-unit detail, the list of each layer's changes, then facts. Says what it removed.
 */
export function trimToFit(doc: ContextDocument, maxBytes: number, render: (doc: ContextDocument) => string): ContextDocument {
  const size = (candidate: ContextDocument) => Buffer.byteLength(render(candidate));
  const steps: [string, (copy: ContextDocument) => number][] = [
    [`commits older than the newest ${KEPT_COMMITS} per layer`, (copy) => dropEach(copy, (layer) => (layer.commitsSince = layer.commitsSince.slice(0, KEPT_COMMITS)))],
    ['all commit lists', (copy) => dropEach(copy, (layer) => (layer.commitsSince = []))],
    ['per-app and per-resource detail', (copy) => dropEach(copy, (layer) => ((layer.manages.detail = []), (layer.autoSync = layer.autoSync.filter((unit) => unit.state !== 'in-sync'))))],
    ['the list of each layer\'s changes (counts kept)', (copy) => dropEach(copy, (layer) => (layer.changes = []))],
    ['layer facts', (copy) => dropEach(copy, (layer) => (layer.manages.facts = []))],
  ];
  let current = doc;
  for (const [label, step] of steps) {
    if (size(current) <= maxBytes) break;
    const copy = structuredClone(current);
    const removed = step(copy);
    if (removed > 0) {
      copy.trimmed = [...copy.trimmed, `${label} (${removed} line${removed === 1 ? '' : 's'})`];
      current = copy;
    }
  }
  if (size(current) > maxBytes) current = { ...current, trimmed: [...current.trimmed, `still ${size(current)} bytes: nothing more can be trimmed`] };
  return current;
}

function dropEach(doc: ContextDocument, drop: (layer: ContextDocument['layers'][number]) => void): number {
  let removed = 0;
  for (const layer of doc.layers) {
    const count = () => layer.commitsSince.length + layer.manages.detail.length + layer.changes.length + layer.manages.facts.length + layer.autoSync.length;
    const before = count();
    drop(layer);
    removed += before - count();
  }
  return removed;
}

/**
 * The rendered document in at most `maxBytes`: trimmed part by part first (said so in the document),
 * then, if that is not enough, cut at the limit with a marker that says so (the marker fits inside).
 * A document that must stay parseable (JSON) is never cut: too small a limit is then an error.
 */
export function fitToBytes(doc: ContextDocument, maxBytes: number, render: (doc: ContextDocument) => string, cut: 'cut' | 'whole' = 'cut'): string {
  const text = render(trimToFit(doc, maxBytes, render));
  if (Buffer.byteLength(text) <= maxBytes) return text;
  if (cut === 'whole') {
    throw new BlumeopsError(`the JSON document needs ${Buffer.byteLength(text)} bytes even trimmed, more than --max-bytes ${maxBytes}`, {
      hint: 'raise --max-bytes, or use the markdown format, which is cut at the limit with a marker',
    });
  }
  const marker = `\n[cut at ${maxBytes} bytes by --max-bytes]\n`;
  const room = maxBytes - Buffer.byteLength(marker);
  if (room <= 0) return Buffer.from(marker.trim()).subarray(0, maxBytes).toString('utf8').replace(/\uFFFD+$/, '');
  // Cut on a character boundary: a partial UTF-8 sequence decodes to U+FFFD, which is dropped.
  return `${Buffer.from(text).subarray(0, room).toString('utf8').replace(/\uFFFD+$/, '')}${marker}`;
}
