import type { ApplyRequest, PlanRequest, RunReport } from '../engine/request.js';
import { jsonLayer, JSON_VERSION, type RunDocument } from '../output/json.js';
import { pickRenderer } from '../output/pick.js';
import type { Renderer } from '../output/renderer.js';
import type { CommonFlags } from './flags.js';

/** What commander parsed for a plan- or apply-like command, before it becomes an engine request. */
export interface RunInvocation {
  /** The command name for JSON and the ledger: plan, apply, up, provision, … */
  command: string;
  layers: string[];
  flags: CommonFlags & { message?: string; changed?: boolean; since?: string };
  extraArgs: string[];
  targets: string[];
  kindOptions: Record<string, unknown>;
  /** The command line as typed, for the lock. */
  commandLine: string;
  /** Set by a kind's verb: the layer must be of this kind. */
  expect?: PlanRequest['expect'];
}

export function rendererFor(flags: CommonFlags): Promise<Renderer> {
  // Machine-readable stdout (JSON, markdown) sends the human output to stderr.
  return pickRenderer({ document: flags.json || flags.format === 'markdown', color: flags.color, verbose: flags.verbose, quiet: flags.quiet });
}

export function planRequest(invocation: RunInvocation): PlanRequest {
  const { flags } = invocation;
  return { ...baseRequest(invocation), changed: flags.changed, since: flags.since };
}

export function applyRequest(invocation: RunInvocation): ApplyRequest {
  const { flags } = invocation;
  return { ...baseRequest(invocation), yes: flags.yes, allowDirty: flags.allowDirty, message: flags.message };
}

function baseRequest(invocation: RunInvocation) {
  const { flags } = invocation;
  return {
    command: invocation.command,
    commandLine: invocation.commandLine,
    layers: invocation.layers,
    repo: flags.repo,
    ref: flags.ref,
    verbose: flags.verbose,
    concurrency: flags.concurrency,
    extraArgs: invocation.extraArgs,
    targets: invocation.targets,
    kindOptions: invocation.kindOptions,
    expect: invocation.expect,
  };
}

export function runDocument(result: RunReport, exitCode: number): RunDocument {
  return {
    version: JSON_VERSION,
    command: result.command,
    runId: result.runId,
    repo: { ...result.repo, dirty: result.dirty },
    layers: result.outcomes.map(jsonLayer),
    notices: [...result.notices, ...result.problems],
    exitCode,
  };
}
