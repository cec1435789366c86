/**
 * The `diff` text of an update or replace: per differing property, `- old` / `+ new` lines read from
 * the old and new inputs at that property path. Secrets stay `[secret]`.
 */

/** Pulumi's secret signature: a value pulumi did not blind itself is masked here. */
const SECRET_SIG = '4dabf18193072939515e22adb298388d';
const SECRET_MARK = '[secret]';
/** Lines of unchanged text kept around a change inside a multi-line string. */
const CONTEXT = 2;

/** Splits `a.b[0]["c.d"]` into `['a', 'b', 0, 'c.d']` (pulumi's property path syntax). */
export function propertyPath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '.') {
      i += 1;
    } else if (path.startsWith('["', i)) {
      let key = '';
      let j = i + 2;
      for (; j < path.length && path[j] !== '"'; j += 1) key += path[j] === '\\' ? path[++j] : path[j];
      segments.push(key);
      i = j + 2;
    } else if (path[i] === '[') {
      const close = path.indexOf(']', i);
      const inner = path.slice(i + 1, close < 0 ? undefined : close);
      segments.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = close < 0 ? path.length : close + 1;
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j += 1;
      segments.push(path.slice(i, j));
      i = j;
    }
  }
  return segments;
}

/** Own properties only: a property named `toString` absent from the inputs is absent, not Object's method. */
export function valueAt(root: unknown, segments: readonly (string | number)[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

const TOO_DEEP = '(nested too deeply to show)';

/**
 * JSON.stringify, but a value nested deeper than the call stack allows (JSON.parse reads any depth,
 * JSON.stringify recurses and throws a RangeError) gives TOO_DEEP instead of failing the whole plan.
 */
export function safeStringify(value: unknown, replacer?: (key: string, inner: unknown) => unknown): string | undefined {
  try {
    return JSON.stringify(value, replacer);
  } catch (error) {
    if (error instanceof RangeError) return TOO_DEEP;
    throw error;
  }
}

/** Compact JSON of a value; `[secret]` (or a secret-signature object) prints as `[secret]`. */
export function formatValue(value: unknown): string {
  const text = safeStringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && SECRET_SIG in inner ? SECRET_MARK : inner,
  );
  if (text === undefined) return String(value);
  return text === JSON.stringify(SECRET_MARK) ? SECRET_MARK : text;
}

/** A multi-line string (a HuJSON ACL) diffed line by line around the changed middle. */
function textLines(before: string, after: string): string[] {
  const old = before.split('\n');
  const next = after.split('\n');
  let start = 0;
  while (start < old.length && start < next.length && old[start] === next[start]) start += 1;
  let end = 0;
  while (end < old.length - start && end < next.length - start && old[old.length - 1 - end] === next[next.length - 1 - end]) end += 1;
  const context = (lines: string[]) => lines.map((line) => `  ${line}`);
  return [
    ...context(old.slice(Math.max(0, start - CONTEXT), start)),
    ...old.slice(start, old.length - end).map((line) => `- ${line}`),
    ...next.slice(start, next.length - end).map((line) => `+ ${line}`),
    ...context(old.slice(old.length - end, old.length - end + CONTEXT)),
  ];
}

function valueLines(before: unknown, after: unknown): string[] {
  if (typeof before === 'string' && typeof after === 'string' && (before.includes('\n') || after.includes('\n'))) {
    return textLines(before, after);
  }
  const lines: string[] = [];
  if (before !== undefined) lines.push(`- ${formatValue(before)}`);
  if (after !== undefined) lines.push(`+ ${formatValue(after)}`);
  return lines;
}

/** `path:` then its lines, for each path that has a value on either side; undefined when none has. */
export function diffText(paths: readonly string[], oldInputs: unknown, newInputs: unknown): string | undefined {
  const blocks: string[] = [];
  for (const path of paths) {
    const segments = propertyPath(path);
    const before = valueAt(oldInputs, segments);
    const after = valueAt(newInputs, segments);
    if (before === undefined && after === undefined) continue;
    blocks.push([`${path}:`, ...valueLines(before, after)].join('\n'));
  }
  return blocks.length > 0 ? blocks.join('\n') : undefined;
}
