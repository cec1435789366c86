/**
 * Which mise tasks a TOML file defines, read line by line without a TOML parser: `[tasks.NAME]`,
 * `[tasks."NAME"]`, `NAME = …` / `NAME.run = …` inside `[tasks]`, and `tasks.NAME… = …` at the top.
 * Multi-line strings are skipped, so a script that prints `[tasks.x]` is not a task.
 */
export interface TomlTasks {
  names: Set<string>;
  /** `tasks = { … }`: an inline table, to which no `[tasks.NAME]` table may be added. */
  inline: boolean;
}

const KEY_PART = /\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*/y;

export function definedTasks(toml: string): TomlTasks {
  const found: TomlTasks = { names: new Set(), inline: false };
  let table: string[] = [];
  let multiline: string | undefined;
  for (const line of toml.split(/\r?\n/)) {
    if (multiline) {
      if (count(line, multiline) % 2 === 1) multiline = undefined;
      continue;
    }
    const header = /^\s*\[{1,2}([^\]]*)\]{1,2}\s*(?:#.*)?$/.exec(line);
    if (header) {
      table = dottedKey(header[1]) ?? ['?'];
      note(table, found);
      continue;
    }
    const assignment = /^\s*((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\s-])+?)\s*=(.*)$/.exec(line);
    if (!assignment) continue;
    const key = dottedKey(assignment[1]);
    const value = assignment[2];
    if (key) {
      const full = [...table, ...key];
      note(full, found);
      if (full.length === 1 && full[0] === 'tasks' && /^\s*\{/.test(value)) found.inline = true;
    }
    for (const quote of ['"""', "'''"]) if (count(value, quote) % 2 === 1) multiline = quote;
  }
  return found;
}

function note(path: string[], found: TomlTasks): void {
  if (path.length >= 2 && path[0] === 'tasks') found.names.add(path[1]);
}

/** `tasks."a b".run` → ['tasks', 'a b', 'run']; undefined when it is not a key. */
export function dottedKey(text: string): string[] | undefined {
  const parts: string[] = [];
  let index = 0;
  for (;;) {
    KEY_PART.lastIndex = index;
    const match = KEY_PART.exec(text);
    if (!match) return undefined;
    const raw = match[1];
    parts.push(raw.startsWith('"') ? (JSON.parse(raw) as string) : raw.startsWith("'") ? raw.slice(1, -1) : raw);
    index = KEY_PART.lastIndex;
    if (index === text.length) return parts;
    if (text[index] !== '.') return undefined;
    index++;
  }
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
