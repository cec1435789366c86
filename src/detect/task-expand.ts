/**
 * The words of a task step as blumeops reads them: the variables it knows (`$MISE_PROJECT_ROOT`, ones
 * the script set to a literal), the command substitutions it understands (`$(dirname "$0")`,
 * `$(git rev-parse --show-toplevel)`, `$(op read "op://…")`), and paths resolved inside the repo.
 */
import path from 'node:path';
import type { EnvValue, ScriptOptions } from './task-script.js';
import { literal, shown, splitLine, type Word } from './task-words.js';

/** Stands for the repo root inside a word, until the path is resolved. */
export const ROOT = '\u0000root\u0000';
const ROOT_VARIABLES = new Set(['MISE_PROJECT_ROOT', 'MISE_CONFIG_ROOT']);

/** What the script has set so far, and where it is. */
export interface State {
  cwd: string;
  dirs: string[];
  vars: Map<string, EnvValue>;
  exported: Map<string, EnvValue>;
}

/** A word as text with the variables and substitutions blumeops knows expanded; undefined otherwise. */
export function expand(word: Word, state: State, options: ScriptOptions): string | undefined {
  let text = '';
  for (const part of word) {
    if ('text' in part) text += part.text;
    else if ('variable' in part) {
      const known = state.vars.get(part.variable) ?? state.exported.get(part.variable);
      if (ROOT_VARIABLES.has(part.variable)) text += ROOT;
      else if (known && 'literal' in known) text += known.literal;
      else return undefined;
    } else if ('substitution' in part) {
      const value = substitution(part.substitution, options);
      if (value === undefined || typeof value !== 'string') return undefined;
      text += value;
    } else return undefined;
  }
  return text;
}

/** `$(dirname "$0")` → the script's folder, `$(git rev-parse --show-toplevel)` → the root, `$(op read REF)` → a secret. */
function substitution(inner: string, options: ScriptOptions): string | { secret: string } | undefined {
  const [segment, ...rest] = splitLine(inner);
  if (!segment || rest.length > 0) return undefined;
  const words = segment.words.map((word) => literal(word) ?? shown(word));
  if (words[0] === 'dirname' && ['$0', '${BASH_SOURCE[0]}', '$BASH_SOURCE'].includes(words.at(-1) ?? '')) return `${ROOT}/${options.scriptDir}`;
  if (words.join(' ') === 'git rev-parse --show-toplevel') return ROOT;
  if (words[0] === 'op' && words[1] === 'read') {
    const ref = words.slice(2).find((word) => word.startsWith('op://'));
    const flags = words.slice(2).filter((word) => word !== ref);
    if (ref && flags.every((flag) => flag === '-n' || flag === '--no-newline')) return { secret: ref };
  }
  return undefined;
}

export function splitAssignment(word: Word, state: State, options: ScriptOptions): [string, EnvValue | undefined] {
  const head = word[0] && 'text' in word[0] ? word[0].text : '';
  const equals = head.indexOf('=');
  const name = head.slice(0, equals);
  const rest: Word = [{ text: head.slice(equals + 1) }, ...word.slice(1)].filter((part) => !('text' in part) || part.text !== '');
  if (rest.length === 1 && 'substitution' in rest[0]) {
    const value = substitution(rest[0].substitution, options);
    return [name, typeof value === 'object' ? value : undefined];
  }
  if (rest.length === 0) return [name, { literal: '' }];
  const text = expand(rest, state, options);
  return [name, text === undefined || text.includes(ROOT) ? undefined : { literal: text }];
}

export function isAssignment(word: Word): boolean {
  return word[0] !== undefined && 'text' in word[0] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word[0].text);
}

/** A path word of a step (a `cd` target, a playbook) → repo-relative; undefined outside the repo. */
export function repoPath(target: string, cwd: string): string | undefined {
  let resolved: string;
  if (target.startsWith(ROOT)) resolved = path.posix.normalize(`./${target.slice(ROOT.length)}`);
  else if (target.startsWith('/') || target.startsWith('~')) return undefined;
  else resolved = path.posix.normalize(path.posix.join(cwd, target));
  resolved = resolved.replace(/\/+$/, '') || '.';
  return resolved === '..' || resolved.startsWith('../') ? undefined : resolved;
}
