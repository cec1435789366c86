import type { LayerConfig } from '../config/load.js';
import type { LayerOutcome } from '../engine/outcome.js';
import { unselectedNeeds } from '../engine/graph.js';
import { RunSession } from '../engine/session.js';
import { dirtyFiles } from '../git/git.js';
import { jsonLayer, JSON_VERSION, type RunDocument } from '../output/json.js';
import { pickRenderer } from '../output/pick.js';
import type { Renderer } from '../output/renderer.js';
import type { CommonFlags } from './flags.js';
import type { Workspace } from './workspace.js';

/** What a plan or apply was asked to do, whichever command (generic or a kind's verb) asked. */
export interface RunRequest {
  /** The command name for JSON and the ledger: plan, apply, up, provision, … */
  command: string;
  layers: string[];
  flags: CommonFlags & { message?: string; changed?: boolean; since?: string };
  extraArgs: string[];
  targets: string[];
  kindOptions: Record<string, unknown>;
  /** The command line as typed, for the lock. */
  commandLine: string;
  /** Set by rollback: the commit rolled back from. */
  rollbackOf?: string;
  /** Set by a kind's verb: the layer must be of this kind. */
  expect?: { kind: string; phase: 'plan' | 'apply' };
}

export function rendererFor(flags: CommonFlags): Promise<Renderer> {
  // Machine-readable stdout (JSON, markdown) sends the human output to stderr.
  return pickRenderer({ json: flags.json || flags.format === 'markdown', color: flags.color, verbose: flags.verbose, quiet: flags.quiet });
}

export function newSession(workspace: Workspace, request: RunRequest): RunSession {
  return new RunSession(workspace.repo, workspace.dir, workspace.commit, workspace.ref, {
    command: request.commandLine,
    verbose: request.flags.verbose,
    extraArgs: request.extraArgs,
    targets: request.targets,
    kindOptions: request.kindOptions,
    concurrency: request.flags.concurrency,
  });
}

/** A session for commands that only read (status, context): no targets, no tool arguments. */
export function readOnlySession(workspace: Workspace, flags: CommonFlags, command: string): RunSession {
  return newSession(workspace, { command, layers: [], flags, extraArgs: [], targets: [], kindOptions: {}, commandLine: `blumeops ${command}` });
}

/** Ctrl-C / SIGTERM: the first asks the tools to stop, a second kills them. Returns the uninstaller. */
export function handleInterrupts(session: RunSession, renderer: Renderer): () => void {
  const onSignal = () => {
    renderer.warn(session.tracker.interrupted ? 'stopping the tools now' : 'interrupting: waiting for the tools to stop (Ctrl-C again to kill them)');
    session.interrupt();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** Notices that apply to the selection: dependencies left out, uncommitted edits in a plan. */
export function selectionNotices(layers: readonly LayerConfig[]): string[] {
  const notices: string[] = [];
  for (const [layer, missing] of unselectedNeeds(layers)) {
    notices.push(`${layer} needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not selected: ${missing.length === 1 ? 'it is' : 'they are'} neither planned nor waited for`);
  }
  return notices;
}

/** Uncommitted files under the selected layers' paths (none when reconciling another commit). */
export async function layerDirtyFiles(workspace: Workspace, layers: readonly LayerConfig[]): Promise<string[]> {
  if (workspace.ref !== 'HEAD') return [];
  const paths = [...new Set(layers.flatMap((layer) => layer.paths))];
  return paths.length === 0 ? [] : dirtyFiles(workspace.dir, paths);
}

export function exitCodeFor(outcomes: readonly LayerOutcome[], detailed: boolean): number {
  if (outcomes.some((outcome) => outcome.status === 'interrupted')) return 130;
  if (outcomes.some((outcome) => outcome.status === 'failed')) return 1;
  if (detailed && outcomes.some((outcome) => outcome.status === 'changes')) return 2;
  return 0;
}

export function runDocument(command: string, session: RunSession, workspace: Workspace, outcomes: readonly LayerOutcome[], notices: string[], dirty: boolean, exitCode: number): RunDocument {
  return {
    version: JSON_VERSION,
    command,
    runId: session.runId,
    repo: { root: workspace.repo.root, head: workspace.repo.head, ref: workspace.ref, commit: workspace.commit, dirty },
    layers: outcomes.map(jsonLayer),
    notices,
    exitCode,
  };
}
