/**
 * Replaces one task's `run` value in a mise TOML file, leaving every other byte as it was. smol-toml
 * reads TOML but keeps no source positions, so the value is located here by hand — and the result
 * is checked by parsing both texts with smol-toml: it must differ in that one value and nothing else.
 */
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'smol-toml';

/** The new text, or undefined when the task is not a `[tasks.NAME]` table with a `run` (or the edit would touch anything else). */
export function replaceTaskRun(text: string, name: string, run: string): string | undefined {
  const span = runValueSpan(text, name);
  if (!span) return undefined;
  const edited = `${text.slice(0, span.start)}${JSON.stringify(run)}${text.slice(span.end)}`;
  return sameButRun(text, edited, name, run) ? edited : undefined;
}

function runValueSpan(text: string, name: string): { start: number; end: number } | undefined {
  const quoted = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const header = new RegExp(`^[ \\t]*\\[[ \\t]*tasks[ \\t]*\\.[ \\t]*(?:${quoted}|"${quoted}"|'${quoted}')[ \\t]*\\][ \\t]*(?:#.*)?$`, 'm').exec(text);
  if (!header) return undefined;
  const rest = text.slice(header.index + header[0].length);
  const nextTable = /^[ \t]*\[/m.exec(rest);
  const body = nextTable ? rest.slice(0, nextTable.index) : rest;
  const key = /^[ \t]*(?:run|"run"|'run')[ \t]*=[ \t]*/m.exec(body);
  if (!key) return undefined;
  const start = header.index + header[0].length + key.index + key[0].length;
  const end = valueEnd(text, start);
  return end === undefined ? undefined : { start, end };
}

/** Where the TOML value starting at `start` ends: strings of the four kinds, arrays, or a bare value. */
function valueEnd(text: string, start: number): number | undefined {
  for (const quote of ['"""', "'''"]) {
    if (text.startsWith(quote, start)) {
      let at = start + 3;
      for (;;) {
        const close = text.indexOf(quote, at);
        if (close === -1) return undefined;
        if (quote === '"""' && backslashes(text, close) % 2 === 1) {
          at = close + 1;
          continue;
        }
        let end = close + 3;
        while (text[end] === quote[0] && end - close < 5) end++; // up to two quotes may end the content
        return end;
      }
    }
  }
  const char = text[start];
  if (char === '"' || char === "'") {
    for (let at = start + 1; at < text.length; at++) {
      if (text[at] === '\n') return undefined;
      if (text[at] === char && (char === "'" || backslashes(text, at) % 2 === 0)) return at + 1;
    }
    return undefined;
  }
  if (char === '[') {
    let depth = 0;
    for (let at = start; at < text.length; at++) {
      const c = text[at];
      if (c === '"' || c === "'") {
        const end = valueEnd(text, at);
        if (end === undefined) return undefined;
        at = end - 1;
      } else if (c === '#') {
        at = text.indexOf('\n', at);
        if (at === -1) return undefined;
      } else if (c === '[') depth++;
      else if (c === ']' && --depth === 0) return at + 1;
    }
    return undefined;
  }
  return undefined;
}

function backslashes(text: string, at: number): number {
  let count = 0;
  while (text[at - 1 - count] === '\\') count++;
  return count;
}

function sameButRun(before: string, after: string, name: string, run: string): boolean {
  try {
    const old = parse(before) as { tasks?: Record<string, Record<string, unknown>> };
    const now = parse(after) as { tasks?: Record<string, Record<string, unknown>> };
    if (now.tasks?.[name]?.run !== run) return false;
    const expected = { ...old, tasks: { ...old.tasks, [name]: { ...old.tasks?.[name], run } } };
    return isDeepStrictEqual(JSON.parse(JSON.stringify(now)), JSON.parse(JSON.stringify(expected)));
  } catch {
    return false;
  }
}
