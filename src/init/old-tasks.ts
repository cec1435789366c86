/**
 * The repo's mise tasks as init reads them: file tasks (executable scripts in mise-tasks/ and the
 * other task folders mise reads) and `[tasks.NAME]` of mise.toml / .mise.toml, parsed with smol-toml.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { BlumeopsError } from '../errors.js';
import type { EnvValue } from '../detect/task-script.js';
import { readTaskScript, type TaskScript } from '../detect/task-script.js';

/** Folders whose files are mise tasks named after the file (`sub/name` → `sub:name`). */
export const FILE_TASK_DIRS = ['mise-tasks', '.mise-tasks', '.mise/tasks', 'mise/tasks', '.config/mise/tasks'];
const CONFIG_FILES = ['mise.toml', '.mise.toml'];

export interface OldTask {
  script: TaskScript;
  /** A file task's text; for a toml task, its run text. */
  text: string;
}

export interface MiseConfig {
  /** Repo-relative path. */
  file: string;
  text: string;
  /** The parsed document. */
  doc: Record<string, unknown>;
}

/** The repo's mise config, mise.toml else .mise.toml: parsed, or why it could not be. */
export function readMiseConfig(root: string, files: readonly string[]): { config?: MiseConfig; error?: BlumeopsError } {
  const file = CONFIG_FILES.find((name) => files.includes(name));
  if (!file) return {};
  const text = readFileSync(path.join(root, file), 'utf8');
  try {
    return { config: { file, text, doc: parse(text) as Record<string, unknown> } };
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    return { error: new BlumeopsError(`${file} is not valid TOML: ${reason}`, { hint: `fix ${file} (mise itself cannot read it either), then run init again`, location: { file } }) };
  }
}

export function readOldTasks(root: string, files: readonly string[], config: MiseConfig | undefined): OldTask[] {
  const tasks: OldTask[] = [];
  for (const file of files) {
    const dir = FILE_TASK_DIRS.find((candidate) => file.startsWith(`${candidate}/`));
    if (!dir || !isExecutable(path.join(root, file))) continue;
    const text = readText(root, file);
    if (text === undefined) continue;
    const name = file.slice(dir.length + 1).replace(/\//g, ':');
    const start = /^#\s*(?:\[MISE\]|MISE)\s+dir\s*=\s*["']?([^"'\n]+)["']?\s*$/m.exec(text)?.[1];
    tasks.push({ text, script: readTaskScript(text, { name, source: 'file', file, dir: startDir(start), scriptDir: path.posix.dirname(file) }) });
  }
  const table = config?.doc.tasks;
  if (config && isRecord(table)) {
    for (const [name, definition] of Object.entries(table)) {
      const task = isRecord(definition) ? definition : { run: definition };
      const run = typeof task.run === 'string' ? task.run : Array.isArray(task.run) && task.run.every((item) => typeof item === 'string') ? task.run.join('\n') : undefined;
      if (run === undefined) continue;
      const env = isRecord(task.env) ? Object.fromEntries(Object.entries(task.env).filter(([, value]) => typeof value === 'string').map(([key, value]) => [key, { literal: value as string } satisfies EnvValue])) : {};
      tasks.push({ text: run, script: readTaskScript(run, { name, source: 'toml', file: config.file, dir: startDir(typeof task.dir === 'string' ? task.dir : undefined), scriptDir: '.', env }) });
    }
  }
  return tasks.sort((a, b) => a.script.name.localeCompare(b.script.name));
}

/** mise's `dir` (`{{config_root}}/x`, or relative to the root) as a repo-relative folder. */
function startDir(dir: string | undefined): string {
  if (!dir) return '.';
  const relative = dir.replace(/^\{\{\s*config_root\s*\}\}\/?/, '');
  return path.posix.normalize(relative || '.').replace(/\/+$/, '') || '.';
}

function isExecutable(file: string): boolean {
  try {
    const stat = statSync(file);
    return stat.isFile() && (stat.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

function readText(root: string, file: string): string | undefined {
  try {
    const text = readFileSync(path.join(root, file), 'utf8');
    return text.includes('\0') ? undefined : text;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
