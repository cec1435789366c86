/**
 * Init learns from the old tasks: each kind says which tasks drive its tool (Detector.adopt); this
 * file merges what they adopted into the proposed layers and accounts for every step of every task —
 * what was adopted, and each line nobody could map, so that nothing is dropped silently.
 */
import type { RepoView } from '../detect/repo-view.js';
import type { TaskStep } from '../detect/task-script.js';
import type { Adoption, ConfigValue } from '../detect/types.js';
import { candidateOf, type Candidate, type Skipped } from './candidate.js';
import type { OldTask } from './old-tasks.js';
import type { KindDetector } from './scan.js';

export interface TaskReport {
  name: string;
  source: 'file' | 'toml';
  /** Repo-relative file: the task file, or the mise config. */
  file: string;
  /** The layer it drives, when a kind recognised it. */
  drives?: { layer: Candidate; verb: 'plan' | 'apply'; targets: string[] };
  adopted: string[];
  /** Lines (or flags) it could not carry over, with why. */
  notUnderstood: { line: number; text: string; reason: string }[];
  /** Already a blumeops wrapper. */
  wrapper: boolean;
  /** The layer a wrapper runs (`blumeops up tailnet` → tailnet). */
  wraps?: string;
  /** Why it must not become a wrapper (it differs from blumeops.yaml), if so. */
  blocked?: string;
}

/**
 * `layers` are changed in place (env, keys, task names) and new layers the tasks alone reveal are
 * appended. With `fixed`, the layers come from an existing blumeops.yaml: nothing is changed, and
 * a task that carries what its layer lacks is `blocked`.
 */
export function adoptTasks(layers: Candidate[], skipped: Skipped[], tasks: readonly OldTask[], detectors: readonly KindDetector[], repo: RepoView, fixed = false): TaskReport[] {
  const reports: TaskReport[] = [];
  const fromTasks = new Map<Candidate, Set<string>>();
  for (const { script } of tasks) {
    const report: TaskReport = { name: script.name, source: script.source, file: script.file, adopted: [], notUnderstood: [], wrapper: script.wrapper };
    reports.push(report);
    if (script.wrapper) {
      report.wraps = script.steps.find((step) => step.kind === 'command')?.argv[2];
      continue;
    }
    const adoption = firstAdoption(script, layers, detectors, repo);
    if (!adoption) continue;
    let layer = layers.find((candidate) => candidate === adoption.layer);
    if (!layer) {
      if (fixed) {
        report.blocked = `it drives ${adoption.layer.kind} ${Object.values(adoption.layer.config).join(' ')}, which has no layer in blumeops.yaml`;
        continue;
      }
      layer = candidateOf(adoption.layer);
      layers.push(layer);
      removeSkipped(skipped, layer);
    }
    report.drives = { layer, verb: adoption.verb, targets: adoption.targets };
    report.adopted.push(...adoption.adopted, ...Object.entries(adoption.env).map(([name, value]) => `env ${name}${value.startsWith('op://') ? ` (${value})` : ''}`));
    const miseSettings = Object.keys(adoption.consumed[0]?.env ?? {}).filter((name) => name.startsWith('MISE_'));
    if (miseSettings.length > 0) report.adopted.push(`left out ${miseSettings.join(', ')} (settings of mise itself, not of the tool)`);
    for (const { step, reason } of adoption.notAdopted) report.notUnderstood.push({ line: step.line, text: step.text, reason });
    for (const step of script.steps) {
      const reason = unclaimed(step, adoption);
      if (reason) report.notUnderstood.push({ line: step.line, text: step.text, reason });
    }
    report.notUnderstood.sort((a, b) => a.line - b.line);
    if (fixed) report.blocked = differences(layer, adoption);
    else merge(layer, adoption, script.name, report, fromTasks);
  }
  return reports;
}

function firstAdoption(script: OldTask['script'], layers: readonly Candidate[], detectors: readonly KindDetector[], repo: RepoView): Adoption | undefined {
  for (const { detector } of detectors) {
    const adoption = detector.adopt?.(script, layers, repo);
    if (adoption) return adoption;
  }
  return undefined;
}

/** Why a step the kind did not consume is not carried over; undefined when it needs nothing. */
function unclaimed(step: TaskStep, adoption: Adoption): string | undefined {
  if (adoption.consumed.includes(step)) return undefined;
  if (step.kind === 'unknown') return step.note ?? 'not understood';
  if (step.kind === 'command') return `runs \`${step.argv[0]}\`, which blumeops does not do for this layer: keep it elsewhere if it is still needed`;
  return undefined; // cd, variables and messages: their effect is in what was adopted
}

/** Task over scan: what the old task ran is the truth; between two tasks, the first one wins. */
function merge(layer: Candidate, adoption: Adoption, task: string, report: TaskReport, fromTasks: Map<Candidate, Set<string>>): void {
  layer.tasks.push(task);
  const taken = fromTasks.get(layer) ?? new Set<string>();
  fromTasks.set(layer, taken);
  for (const [key, value] of Object.entries(adoption.config)) {
    const earlier = layer.config[key];
    if (taken.has(key) && !same(earlier, value)) {
      report.notUnderstood.push({ line: 0, text: `${key}: ${show(value)}`, reason: `another task of ${layer.name} gave ${key}: ${show(earlier)}; that one is kept` });
      continue;
    }
    layer.config[key] = value;
    taken.add(key);
  }
  for (const [name, value] of Object.entries(adoption.env)) {
    if (name in layer.env && layer.env[name] !== value) {
      report.notUnderstood.push({ line: 0, text: `${name}=${value}`, reason: `another task of ${layer.name} gave ${name} another value; that one is kept` });
      continue;
    }
    layer.env[name] = value;
  }
}

/** What the task carries that the layer in blumeops.yaml lacks, or undefined when it lacks nothing. */
function differences(layer: Candidate, adoption: Adoption): string | undefined {
  const missing = [
    ...Object.entries(adoption.config).filter(([key, value]) => !same(layer.config[key], value)).map(([key, value]) => `${key}: ${show(value)}`),
    ...Object.entries(adoption.env).filter(([name, value]) => layer.env[name] !== value).map(([name]) => `env ${name}`),
  ];
  return missing.length > 0 ? `it sets ${missing.join(', ')}, which layer ${layer.name} in blumeops.yaml does not (add them there, or run init --force --mise to write blumeops.yaml again)` : undefined;
}

function removeSkipped(skipped: Skipped[], layer: Candidate): void {
  const values = Object.values(layer.config);
  for (let index = skipped.length - 1; index >= 0; index--) if (values.includes(skipped[index].path)) skipped.splice(index, 1);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b) || (typeof a !== 'object' && String(a) === String(b));
}

function show(value: ConfigValue | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
