/**
 * `init --mise`: every old task that drives a layer keeps its name (and its `#MISE` header) and now
 * runs blumeops — `exec blumeops up tailnet "$@"` in a file task, `run = "blumeops up tailnet"` in
 * mise.toml (mise appends the arguments). Layers no task drove get new wrappers in mise.toml.
 * Nothing is written here: the changes are returned, for init to show and confirm.
 */
import type { TaskReport } from './adopt.js';
import type { Candidate } from './candidate.js';
import { appendTasks, wrapperTasks } from './mise-tasks.js';
import type { MiseConfig, OldTask } from './old-tasks.js';
import { replaceTaskRun } from './toml-edit.js';

/** One file init would write: repo-relative, its text before (undefined: new) and after. */
export interface FileChange {
  file: string;
  before: string | undefined;
  after: string;
}

export interface WrapperPlan {
  changes: FileChange[];
  /** Old tasks that become wrappers. */
  rewritten: string[];
  /** New wrapper tasks added to the mise config. */
  added: string[];
  /** Tasks that are blumeops wrappers already, or would have been added but exist. */
  kept: string[];
  /** Old tasks that drive a layer but cannot become wrappers, with why. */
  refused: { name: string; reason: string }[];
  /** The mise config written to (repo-relative). */
  configFile: string;
}

/** The wrapper command of a task report: `blumeops up tailnet` (+ ArgoCD apps). */
export function wrapperCommand(report: TaskReport, verbs: (kind: string) => { plan: string; apply: string }): string | undefined {
  if (!report.drives) return undefined;
  const { layer, verb, targets } = report.drives;
  return ['blumeops', verbs(layer.kind)[verb], layer.name, ...targets].join(' ');
}

export function planWrappers(tasks: readonly OldTask[], reports: readonly TaskReport[], layers: readonly Candidate[], config: MiseConfig | undefined, verbs: (kind: string) => { plan: string; apply: string }): WrapperPlan {
  const configFile = config?.file ?? 'mise.toml';
  const plan: WrapperPlan = { changes: [], rewritten: [], added: [], kept: [], refused: [], configFile };
  let toml = config?.text;
  for (const report of reports) {
    if (report.wrapper) plan.kept.push(report.name);
    const command = wrapperCommand(report, verbs);
    if (!command) continue;
    if (report.blocked) {
      plan.refused.push({ name: report.name, reason: report.blocked });
      continue;
    }
    const task = tasks.find((candidate) => candidate.script.name === report.name && candidate.script.file === report.file) as OldTask;
    if (report.source === 'file') {
      plan.changes.push({ file: report.file, before: task.text, after: fileWrapper(task.text, command) });
      plan.rewritten.push(report.name);
      continue;
    }
    const edited = toml === undefined ? undefined : replaceTaskRun(toml, report.name, command);
    if (edited === undefined) {
      plan.refused.push({ name: report.name, reason: `it is not a [tasks.${report.name}] table with a run key: change its run to "${command}" by hand` });
      continue;
    }
    toml = edited;
    plan.rewritten.push(report.name);
  }
  const driven = new Set(reports.flatMap((report) => (report.drives ? [report.drives.layer.name] : report.wraps ? [report.wraps] : [])));
  const fresh = wrapperTasks(layers.filter((layer) => !driven.has(layer.name)).map((layer) => ({ name: layer.name, kind: layer.kind, verbs: verbs(layer.kind) })));
  const names = new Set(tasks.map((task) => task.script.name));
  const appended = appendTasks(toml, fresh, names);
  plan.added.push(...appended.added);
  plan.kept.push(...appended.kept.filter((name) => !plan.kept.includes(name) && !plan.rewritten.includes(name) && !plan.refused.some((refused) => refused.name === name)));
  if (appended.text !== (config?.text ?? '')) plan.changes.push({ file: configFile, before: config?.text, after: appended.text });
  return plan;
}

/**
 * The file task as a wrapper: its shebang and its `#MISE` / `#USAGE` lines kept, then one line that
 * runs blumeops with the task's arguments. The old script stays in Git history.
 */
export function fileWrapper(text: string, command: string): string {
  const lines = text.split(/\r?\n/);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const shebang = lines[0]?.startsWith('#!') ? lines[0] : '#!/usr/bin/env bash';
  const header = lines.filter((line) => /^#\s*(?:\[(?:MISE|USAGE)\]|MISE|USAGE)\b/.test(line));
  return [shebang, ...header, `exec ${command} "$@"`, ''].join(newline);
}
