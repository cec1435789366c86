/**
 * An old mise task read as a sequence of steps: the folder each step runs in, the variables it
 * exports (an `op read "op://…"` stays a reference, never a value), and the commands it runs. The
 * kinds then say which commands are theirs (Detector.adopt); whatever nobody claims is reported.
 */
import { expand, isAssignment, repoPath, ROOT, splitAssignment, type State } from './task-expand.js';
import { isArgs, literal, shown, splitLine, type Word } from './task-words.js';

export { repoPath } from './task-expand.js';

/** An exported variable: a 1Password reference, or a literal value. */
export type EnvValue = { secret: string } | { literal: string };

export type StepKind = 'command' | 'cd' | 'env' | 'ignored' | 'unknown';

export interface TaskStep {
  /** 1-based line of the step in its script. */
  line: number;
  /** The source text of the step. */
  text: string;
  kind: StepKind;
  /** command: its words as text; a word that is not plain text keeps its shell spelling. */
  argv: string[];
  /** command: argv[i] is plain text (not a `$VAR` or `$( … )` blumeops could not read). */
  plain: boolean[];
  /** command: it receives the task's arguments (`"$@"`, or mise appends them to a toml run). */
  passesArgs: boolean;
  /** Repo-relative folder the step runs in ('.' is the repo root). */
  cwd: string;
  /** Variables exported when the step runs. */
  env: Record<string, EnvValue>;
  /** command: what follows `||` (error handling), if anything. */
  fallback?: string;
  /** Why a step is ignored or not understood. */
  note?: string;
}

export interface TaskScript {
  name: string;
  source: 'file' | 'toml';
  /** Repo-relative path of the task file, or of the mise config that defines it. */
  file: string;
  steps: TaskStep[];
  /** Already a blumeops wrapper: its one command runs blumeops. */
  wrapper: boolean;
}

export interface ScriptOptions {
  name: string;
  source: 'file' | 'toml';
  file: string;
  /** Repo-relative folder the task starts in (mise's `dir`, default the repo root). */
  dir: string;
  /** Repo-relative folder of the script, for `$(dirname "$0")`. */
  scriptDir: string;
  /** Variables the task definition itself sets (a toml task's `env`). */
  env?: Record<string, EnvValue>;
}

const MESSAGE_COMMANDS = new Set(['echo', 'printf', 'true', ':']);
const CONTROL = /^(if|then|else|elif|fi|for|while|until|do|done|case|esac|function|return|trap|source|\.)$/;

export function readTaskScript(script: string, options: ScriptOptions): TaskScript {
  const state = { cwd: options.dir, dirs: [] as string[], vars: new Map<string, EnvValue>(), exported: new Map<string, EnvValue>(Object.entries(options.env ?? {})) };
  const steps: TaskStep[] = [];
  const lines = joinContinuations(script.replace(/\{\{\s*config_root\s*\}\}/g, ROOT));
  for (let index = 0; index < lines.length; index++) {
    const { line, number } = lines[index];
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const segments = splitLine(trimmed);
    let fallback: string | undefined;
    const orAt = segments.findIndex((segment) => segment.then === '||');
    if (orAt !== -1) {
      fallback = trimmed.slice(trimmed.indexOf('||') + 2).trim();
      // `cmd || {` … `}` over several lines: the block is the fallback.
      if (fallback.endsWith('{')) {
        while (index + 1 < lines.length && lines[index + 1].line.trim() !== '}') fallback += `\n${lines[++index].line.trim()}`;
        if (index + 1 < lines.length) fallback += `\n${lines[++index].line.trim()}`;
      }
      segments.splice(orAt + 1);
    }
    if (CONTROL.test(literal(segments[0]?.words[0] ?? []) ?? '')) {
      steps.push(step(number, trimmed, 'unknown', state, { note: 'shell control flow' }));
      continue;
    }
    for (const segment of segments) {
      if (segment.then === '|') {
        steps.push(step(number, trimmed, 'unknown', state, { note: 'a pipeline' }));
        break;
      }
      steps.push(readSegment(segment.words, segment.text, number, state, options, segment === segments.at(-1) ? fallback : undefined));
    }
  }
  // mise appends the arguments to the end of a toml task's run: they reach its last command.
  if (options.source === 'toml') {
    const last = steps.filter((candidate) => candidate.kind === 'command').at(-1);
    if (last) last.passesArgs = true;
  }
  const commands = steps.filter((candidate) => candidate.kind === 'command');
  return { name: options.name, source: options.source, file: options.file, steps, wrapper: commands.length === 1 && commands[0].argv[0] === 'blumeops' };
}


function readSegment(words: Word[], text: string, line: number, state: State, options: ScriptOptions, fallback?: string): TaskStep {
  const first = literal(words[0] ?? []) ?? '';
  if (first === 'exec' && words.length > 1) return readSegment(words.slice(1), text, line, state, options, fallback);
  if (first === 'set' || first === 'shopt') return step(line, text, 'ignored', state, { note: 'shell options' });
  if (MESSAGE_COMMANDS.has(first)) return step(line, text, 'ignored', state, { note: 'a message' });
  if (first === 'cd' || first === 'pushd') return changeDir(words.slice(1), text, line, state, options, first === 'pushd');
  if (first === 'popd') {
    state.cwd = state.dirs.pop() ?? state.cwd;
    return step(line, text, 'cd', state);
  }
  if (first === 'export' || first === 'readonly' || first === 'declare' || isAssignment(words[0] ?? [])) {
    const assignments = first === 'export' || first === 'readonly' || first === 'declare' ? words.slice(1).filter((word) => !/^-/.test(literal(word) ?? '')) : words;
    const exported = first === 'export' || (first === 'declare' && words.some((word) => literal(word) === '-x'));
    const prefix = assignments.findIndex((word) => !isAssignment(word));
    // `VAR=value cmd …`: the variables are the command's environment.
    if (!exported && prefix > 0) return command(words.slice(prefix), text, line, state, options, fallback, assignments.slice(0, prefix));
    return assign(assignments, exported, text, line, state, options);
  }
  if (CONTROL.test(first) || /\(\)\s*\{?$/.test(text)) return step(line, text, 'unknown', state, { note: 'shell control flow' });
  return command(words, text, line, state, options, fallback);
}

function command(words: Word[], text: string, line: number, state: State, options: ScriptOptions, fallback?: string, prefix: Word[] = []): TaskStep {
  const env = new Map(state.exported);
  for (const word of prefix) {
    const [name, value] = splitAssignment(word, state, options);
    if (value) env.set(name, value);
  }
  const kept = words.filter((word) => !isArgs(word));
  const argv = kept.map((word) => expand(word, state, options) ?? shown(word));
  return {
    ...step(line, text, 'command', state),
    env: Object.fromEntries(env),
    argv,
    plain: kept.map((word) => expand(word, state, options) !== undefined),
    passesArgs: kept.length < words.length,
    fallback,
  };
}

function assign(words: Word[], exported: boolean, text: string, line: number, state: State, options: ScriptOptions): TaskStep {
  const unread: string[] = [];
  for (const word of words) {
    const plain = literal(word);
    if (plain !== undefined && !plain.includes('=')) {
      const known = state.vars.get(plain);
      if (exported && known) state.exported.set(plain, known);
      else if (exported) unread.push(plain);
      continue;
    }
    const [name, value] = splitAssignment(word, state, options);
    if (!value) {
      unread.push(name);
      continue;
    }
    state.vars.set(name, value);
    if (exported || state.exported.has(name)) state.exported.set(name, value);
  }
  if (unread.length > 0) return step(line, text, 'unknown', state, { note: `cannot read the value of ${unread.join(', ')}` });
  return step(line, text, 'env', state);
}

function changeDir(args: Word[], text: string, line: number, state: State, options: ScriptOptions, push: boolean): TaskStep {
  const target = args.length === 1 ? expand(args[0], state, options) : args.length === 0 ? ROOT : undefined;
  const resolved = target === undefined ? undefined : repoPath(target, state.cwd);
  if (resolved === undefined) return step(line, text, 'unknown', state, { note: 'a folder blumeops cannot resolve inside the repo' });
  if (push) state.dirs.push(state.cwd);
  state.cwd = resolved;
  return step(line, text, 'cd', state);
}

function step(line: number, text: string, kind: StepKind, state: State, extra: { note?: string } = {}): TaskStep {
  return { line, text, kind, argv: [], plain: [], passesArgs: false, cwd: state.cwd, env: Object.fromEntries(state.exported), ...extra };
}

/** Lines with their 1-based numbers, a trailing `\` joining the next line. */
function joinContinuations(script: string): { line: string; number: number }[] {
  const out: { line: string; number: number }[] = [];
  const raw = script.split(/\r?\n/);
  for (let index = 0; index < raw.length; index++) {
    const number = index + 1;
    let line = raw[index];
    while (/\\$/.test(line) && index + 1 < raw.length) line = `${line.slice(0, -1)} ${raw[++index]}`;
    out.push({ line, number });
  }
  return out;
}
