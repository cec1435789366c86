/** What every kind's `adopt` needs from a task step: its environment as layer env, and its flags. */
import type { TaskStep } from './task-script.js';

/** mise's own settings (`MISE_TASK_OUTPUT=interleave`): they steer mise, not the tool. */
const MISE_SETTING = /^MISE_/;

/** The step's exported variables as a layer's `env`: an `op://` reference or the literal value. */
export function adoptEnv(step: TaskStep, skip: readonly string[] = []): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.env)) {
    if (MISE_SETTING.test(name) || skip.includes(name)) continue;
    env[name] = 'secret' in value ? value.secret : value.literal;
  }
  return env;
}

export interface ReadFlags {
  /** Flag → its values, under the flag's first spelling in `spec`. */
  values: Map<string, string[]>;
  /** Flags without a value that were given. */
  switches: Set<string>;
  positional: string[];
  /** Words that are neither a known flag nor a positional argument. */
  unknown: string[];
}

/**
 * Reads `--flag value`, `--flag=value`, `-f value` and switches, per a spec of spellings:
 * `{ '--limit': ['-l'], … }` for flags with a value, and a list of switch spellings.
 */
export function readFlags(words: readonly string[], withValue: Record<string, string[]>, switches: Record<string, string[]>): ReadFlags {
  const read: ReadFlags = { values: new Map(), switches: new Set(), positional: [], unknown: [] };
  const valueOf = canonical(withValue);
  const switchOf = canonical(switches);
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    const [flag, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const name = valueOf.get(flag);
    if (name) {
      const value = inline ?? words[++index];
      if (value === undefined) read.unknown.push(word);
      else read.values.set(name, [...(read.values.get(name) ?? []), value]);
    } else if (switchOf.has(word)) read.switches.add(switchOf.get(word) as string);
    else if (word.startsWith('-')) read.unknown.push(word);
    else read.positional.push(word);
  }
  return read;
}

function canonical(spec: Record<string, string[]>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, aliases] of Object.entries(spec)) for (const spelling of [name, ...aliases]) map.set(spelling, name);
  return map;
}
