/**
 * The page builds every node with createElement and puts every string in with a text node or
 * setAttribute: nothing from Git, a tool or the ledger is ever parsed as HTML (no innerHTML here).
 */
export type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | undefined | null>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Attributes | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  return fill(document.createElement(tag), attributes, children);
}

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attributes?: Attributes | null, ...children: Child[]): SVGElementTagNameMap[K] {
  return fill(document.createElementNS('http://www.w3.org/2000/svg', tag), attributes, children);
}

function fill<E extends Element>(element: E, attributes: Attributes | null | undefined, children: Child[]): E {
  for (const [name, value] of Object.entries(attributes ?? {})) if (value !== undefined && value !== null) element.setAttribute(name, String(value));
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(typeof child === 'number' ? String(child) : child);
  return element;
}

/** "12s ago", "in 3m": rough, for a person. */
export function age(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '';
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  const text = abs < 1500 ? 'now' : abs < 90_000 ? `${Math.round(abs / 1000)}s` : abs < 5_400_000 ? `${Math.round(abs / 60_000)}m` : abs < 172_800_000 ? `${Math.round(abs / 3_600_000)}h` : `${Math.round(abs / 86_400_000)}d`;
  if (text === 'now') return 'just now';
  return ms < 0 ? `${text} ago` : `in ${text}`;
}

/** An element whose text is an age, kept current by the page's clock. */
export function timeText(iso: string | null | undefined, tag: 'span' | 'time' = 'time'): HTMLElement {
  const element = h(tag, { 'data-time': iso ?? undefined, datetime: iso ?? undefined, title: iso ?? undefined }, age(iso));
  return element;
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  return ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

export function short(sha: string | null | undefined): string {
  return sha ? sha.slice(0, 7) : 'no commit';
}
