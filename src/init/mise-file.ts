import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appendTasks, type MiseTask } from './mise-tasks.js';

/** Folders whose files are mise tasks named after the file. */
const FILE_TASK_DIRS = ['mise-tasks', '.mise-tasks', '.mise/tasks', 'mise/tasks', '.config/mise/tasks'];

export interface MiseOutcome {
  /** Absolute path of the mise config written (or that would have been). */
  file: string;
  /** Whether the file was created (it did not exist). */
  created: boolean;
  added: string[];
  kept: string[];
}

/** The repo's mise config: mise.toml, else .mise.toml when that is the one present, else a new mise.toml. */
export function miseConfigFile(root: string): string {
  const dotted = path.join(root, '.mise.toml');
  const plain = path.join(root, 'mise.toml');
  return !existsSync(plain) && existsSync(dotted) ? dotted : plain;
}

/** What appending the tasks would do, without writing: the new text, and which tasks are added or kept. */
export function prepareMise(root: string, tasks: readonly MiseTask[]): MiseOutcome & { text: string; changed: boolean } {
  const file = miseConfigFile(root);
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const fileTasks = new Set(tasks.map((task) => task.name).filter((name) => FILE_TASK_DIRS.some((dir) => isFile(path.join(root, dir, name)))));
  const { text, added, kept } = appendTasks(existing, tasks, fileTasks);
  return { file, created: existing === undefined && added.length > 0, added, kept, text, changed: added.length > 0 };
}

export function writeMise(prepared: { file: string; text: string; changed: boolean }): void {
  if (prepared.changed) writeFileSync(prepared.file, prepared.text);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
