import { parse } from 'smol-toml';
import { BlumeopsError } from '../errors.js';

/** One mise task that runs blumeops. */
export interface MiseTask {
  name: string;
  description: string;
  run: string;
}

export interface LayerVerbs {
  name: string;
  kind: string;
  verbs: { plan: string; apply: string };
}

/**
 * Task names the operator already types: `tailnet-up`, `provision-indri`, `argocd-sync`. Most kinds
 * read `<layer>-<verb>`; the homelab's Ansible tasks were verb first, so that kind keeps it.
 */
const VERB_FIRST_KINDS: ReadonlySet<string> = new Set(['ansible']);

/** The wrapper tasks for these layers (apply verb, then plan verb), then blumeops-plan and blumeops-status. */
export function wrapperTasks(layers: readonly LayerVerbs[]): MiseTask[] {
  const tasks: MiseTask[] = [];
  for (const layer of layers) {
    const name = (verb: string) => (VERB_FIRST_KINDS.has(layer.kind) ? `${verb}-${layer.name}` : `${layer.name}-${verb}`);
    const { apply, plan } = layer.verbs;
    tasks.push(
      { name: name(apply), description: `Apply the ${layer.name} layer (${layer.kind}) through blumeops`, run: `blumeops ${apply} ${layer.name}` },
      { name: name(plan), description: `Show what would change in the ${layer.name} layer (${layer.kind}); read-only`, run: `blumeops ${plan} ${layer.name}` },
    );
  }
  tasks.push(
    { name: 'blumeops-plan', description: 'Plan every layer: what would change; read-only', run: 'blumeops plan' },
    { name: 'blumeops-status', description: 'Every layer: last apply, commits since, live drift', run: 'blumeops status' },
  );
  return tasks;
}

/** The task names a mise TOML text defines (read with smol-toml); empty for no text. */
export function definedTasks(toml: string): Set<string> {
  const tasks = (parse(toml) as { tasks?: unknown }).tasks;
  return new Set(typeof tasks === 'object' && tasks !== null ? Object.keys(tasks) : []);
}

/**
 * Appends a `[tasks.NAME]` table for each task that neither the file (`existing`) nor a file task
 * (`fileTasks`) defines; those are reported as kept. The existing text stays byte for byte.
 */
export function appendTasks(existing: string | undefined, tasks: readonly MiseTask[], fileTasks: ReadonlySet<string> = new Set()): { text: string; added: string[]; kept: string[] } {
  const taken = new Set([...definedTasks(existing ?? ''), ...fileTasks]);
  const kept = tasks.filter((task) => taken.has(task.name)).map((task) => task.name);
  const fresh = tasks.filter((task) => !taken.has(task.name));
  const original = existing ?? '';
  if (fresh.length === 0) return { text: original, added: [], kept };
  const newline = original.includes('\r\n') ? '\r\n' : '\n';
  const blocks = fresh.map((task) =>
    [`[tasks.${key(task.name)}]`, `description = ${JSON.stringify(task.description)}`, `run = ${JSON.stringify(task.run)}`].join(newline),
  );
  const intro =
    original.trim() === ''
      ? '# mise tasks of this infra repo. `mise run TASK -- ARGS` passes ARGS on to blumeops.'
      : '# blumeops wrappers, added by `blumeops init --mise`: `mise run TASK -- ARGS` passes ARGS on to blumeops.';
  const separator = original === '' ? '' : original.endsWith('\n') ? newline : `${newline}${newline}`;
  const text = `${original}${separator}${intro}${newline}${blocks.join(`${newline}${newline}`)}${newline}`;
  // `tasks = { … }` (an inline table) cannot take [tasks.NAME] tables after it: TOML says so, smol-toml checks.
  if (!definesAll(text, fresh)) {
    throw new BlumeopsError('the mise config defines its tasks in a form blumeops cannot add [tasks.NAME] tables to (an inline table: tasks = { … })', {
      hint: 'rewrite them as [tasks.NAME] tables, or run init without --mise and add the wrapper tasks by hand',
    });
  }
  return { text, added: fresh.map((task) => task.name), kept };
}

function definesAll(text: string, tasks: readonly MiseTask[]): boolean {
  try {
    const names = definedTasks(text);
    return tasks.every((task) => names.has(task.name));
  } catch {
    return false;
  }
}

/** A bare TOML key when it can be one, else a quoted key. */
function key(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name);
}
