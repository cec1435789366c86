/**
 * The contract between the engine and a kind (a plugin in layers/<kind>/).
 * The engine knows kinds only through this file and the registry in layers/index.ts.
 */
import type { ZodType } from 'zod';
import type { Detector } from './detect/types.js';

export type ChangeAction = 'create' | 'update' | 'delete' | 'replace' | 'sync';
export const CHANGE_ACTIONS: readonly ChangeAction[] = ['create', 'update', 'delete', 'replace', 'sync'];

/** One thing that would change (plan) or did change (apply). */
export interface Change {
  action: ChangeAction;
  /** What changes: a Pulumi URN, `host:task`, an ArgoCD app name. */
  target: string;
  /** One line for a person: the type, the name, the fields that differ. */
  summary: string;
  /** A unified (or tool-native) diff, shown with -v and carried in JSON. */
  diff?: string;
  /** Optional grouping key for display, e.g. the ArgoCD destination cluster. */
  group?: string;
}

export type ChangeSummary = Record<ChangeAction, number>;

/**
 * Where a unit that the tool syncs by itself stands: `converging` (it differs from Git and the tool
 * is bringing it there, as it should), `in-sync`, or `failing` (the tool tried and failed, or has
 * not converged in time: a real problem that needs a person).
 */
export type AutoSyncState = 'converging' | 'in-sync' | 'failing';

/**
 * A unit the tool keeps at Git's state on its own, such as an ArgoCD app with
 * `syncPolicy.automated`. Its differences from Git are not changes blumeops makes: apply leaves
 * it to the tool, `status` shows it on its own line, and `watch` notifies only when it is failing.
 */
export interface AutoSyncUnit {
  /** The unit's name (an ArgoCD app). */
  target: string;
  state: AutoSyncState;
  /** One line for a person: `cv: converging (ArgoCD auto-sync to 3f2c9a1)`, or why it fails. */
  summary: string;
  /** How the tool syncs it, in the tool's words, e.g. `automated+selfHeal`. */
  mode: string;
  /** Optional grouping key for display, as in Change. */
  group?: string;
  /**
   * Repo paths the tool applies by itself when they change: commits that touch only these do not
   * make the layer "unapplied". Not given for a failing unit.
   */
  paths?: string[];
}

/** What a layer needs: plan is pure data; apply executes the plan it is handed. */
export interface Plan {
  /** What blumeops' apply would change. Not what the tool converges on by itself (autoSync). */
  changes: Change[];
  warnings: string[];
  /**
   * Units the tool syncs by itself, in every state (absent: the kind has none). A plan whose only
   * differences from Git are `converging` units is in sync as far as blumeops is concerned; a
   * `failing` one is reported as a problem (status: drifted) but is not a change.
   */
  autoSync?: AutoSyncUnit[];
  /**
   * True when the tool could not see everything (Ansible tasks that check mode cannot predict).
   * Such a plan is never called in sync blindly, and apply still runs the tool.
   */
  incomplete?: boolean;
  /** Kind-private data that apply needs (never rendered). */
  data?: unknown;
}

export interface ApplyResult {
  /** What was actually changed. */
  changes: Change[];
  warnings: string[];
  /** Extra lines for the operator (recap per host, synced revisions per app). */
  notes?: string[];
}

/** A binary a kind needs; `doctor` and the exec gateway use it for hints. */
export interface ToolSpec {
  name: string;
  /** How to install it, shown when it is missing from PATH. */
  install: string;
  /** Arguments that print the version, e.g. ['version']. */
  versionArgs?: string[];
  /** Oldest supported version (semver-ish, e.g. '3.100.0'). */
  minVersion?: string;
  /** How `doctor` checks that the tool is logged in (absent: nothing to check). */
  auth?: {
    args: string[];
    /** A JSON field of stdout that must be true (for tools whose exit code lies, like argocd). */
    jsonField?: string;
    /** What to do when the check fails. */
    fix: string;
    /** Env vars that log the tool in by themselves: when a layer's env sets one, doctor skips the check. */
    env?: string[];
  };
}

/** A read-only command `doctor` runs to check a layer's own inputs (an inventory parses, …). */
export interface DoctorProbe {
  name: string;
  tool: string;
  args: string[];
  /** stdout must be JSON. */
  json?: boolean;
  /** A regular expression over stderr (line breaks joined) that means failure despite exit 0. */
  failsOn?: string;
  fix: string;
  /** The folder to run in, repo-relative (default: the repo root). */
  cwd?: string;
  /** Extra environment for the command. */
  env?: Record<string, string>;
}

export interface ToolOptions {
  cwd?: string;
  /** Extra environment for this call; the layer's own env (secrets resolved) is always added. */
  env?: Record<string, string>;
  /** Exit codes that are not failures for this call (0 is always fine). */
  okExitCodes?: number[];
  /** Called with each complete line of output as it arrives (raw: whatever shows it masks it). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Standard input for the tool (default: none). */
  input?: string;
  /** stdout is a secret (`op read`): registered for masking before anything sees it, never logged. */
  secretOutput?: boolean;
}

/**
 * stdout and stderr are the tool's lines joined by newlines, without a trailing one — raw, so a layer
 * parses what the tool printed; masking happens where output leaves blumeops (terminal, log, JSON).
 */
export interface ToolResult {
  command: string;
  /** The run log this call was written to. */
  logPath: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * The exec gateway as a layer sees it. Throws ToolError for a non-zero exit not in okExitCodes,
 * BlumeopsError for a missing binary, and an interruption error when the run is cancelled.
 */
export type Run = (tool: string, args: string[], options?: ToolOptions) => Promise<ToolResult>;

export type LayerEvent =
  /** A transient status line (the current task); the TTY shows it live, plain output does not. */
  | { type: 'progress'; message: string }
  /** A line worth keeping in plain output (a host changed, an app synced). */
  | { type: 'info'; message: string }
  | { type: 'warning'; message: string };

export interface LayerContext<C> {
  /** The layer's name in blumeops.yaml. */
  name: string;
  config: C;
  /** The directory of the infra repo to work in (the repo, or a temporary worktree at --ref). */
  dir: string;
  /** The real repo root (for remote and push checks even when dir is a worktree). */
  repoRoot: string;
  /** The commit being reconciled (full sha), or null in a repo with no commits. */
  commit: string | null;
  /** Arguments after `--`, passed to the tool unchanged. */
  extraArgs: string[];
  /** Sub-units the operator named (ArgoCD app names); empty means all. */
  targets: string[];
  /** Values of the kind's own options (see Reconciler.options). */
  options: Record<string, unknown>;
  verbose: boolean;
  signal: AbortSignal;
  run: Run;
  emit(event: LayerEvent): void;
}

/** An extra command-line option of a kind's verbs (capabilities are data). */
export interface KindOption {
  /** commander flags, e.g. '--revision <rev>'. */
  flags: string;
  description: string;
}

export interface Reconciler<C = unknown> {
  kind: string;
  description: string;
  verbs: { apply: string; plan: string };
  /**
   * This kind's own keys in blumeops.yaml, as a zod strictObject (the common keys kind, needs, env,
   * paths and timeout are validated and removed by the engine first). Loaded lazily so that
   * `blumeops --help` never pays for zod.
   */
  loadSchema(): Promise<ZodType<C>>;
  tools: ToolSpec[];
  /** Repo paths (relative to `repoDir`, the folder of blumeops.yaml) whose changes affect the layer. */
  defaultPaths(config: C, repoDir: string): string[];
  plan(ctx: LayerContext<C>): Promise<Plan>;
  apply(ctx: LayerContext<C>, plan: Plan): Promise<ApplyResult>;
  /** Present when the kind can target sub-units by name (`blumeops sync argocd cv`). */
  targets?: {
    noun: string;
    /** The sub-units declared in Git, for shell completion. */
    list?(config: C, repoDir: string): Promise<string[]>;
  };
  /** Checks `doctor` runs for a layer of this kind; `repoDir` is the folder of blumeops.yaml. */
  probes?(config: C, repoDir: string): DoctorProbe[];
  /**
   * The tool's own config file that governs the layer (an ansible.cfg), repo-relative, or undefined
   * when there is none; `layers --json` shows it. Cheap and read-only.
   */
  toolConfig?(config: C, repoDir: string): string | undefined;
  /** Extra flags for this kind's verbs. */
  options?: KindOption[];
  /**
   * The flag (one of `options`) that makes apply act on units the tool syncs by itself
   * (Plan.autoSync), e.g. `--force-sync`: what `context` suggests when only such a unit is failing.
   */
  autoSyncOverride?: string;
  /**
   * For `blumeops init`: finds this kind's layers in a repo and recognises the old task scripts that
   * drive its tool (src/detect/types.ts). Loaded lazily; a kind without it is never proposed by init.
   */
  detect?(): Promise<Detector>;
  /**
   * What the layer manages, for `blumeops context`: read-only and cheap (no plan). Items are ordered
   * most important first; `detail` items are the first trimmed when the document must be short.
   */
  describe?(ctx: LayerContext<C>): Promise<LayerDescription>;
}

export interface LayerDescription {
  /** One line: "Pulumi project blumeops-tailnet, stack tail8d86e (4 resources)". */
  summary: string;
  /** Facts worth knowing: "hosts: indri, localhost". */
  facts: string[];
  /** Per-unit detail (one line per ArgoCD app), trimmed first. */
  detail?: string[];
}

export function emptySummary(): ChangeSummary {
  return { create: 0, update: 0, delete: 0, replace: 0, sync: 0 };
}

export function summarize(changes: readonly Change[]): ChangeSummary {
  const summary = emptySummary();
  for (const change of changes) summary[change.action] += 1;
  return summary;
}
