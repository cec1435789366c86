import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LayerConfig } from '../config/load.js';
import { createLayerRun } from '../exec/gateway.js';
import { RunLog } from '../exec/log.js';
import { ProcessTracker } from '../exec/processes.js';
import { git, type RepoInfo } from '../git/git.js';
import type { LayerContext } from '../reconciler.js';
import { createRunDir, layerLogPath } from '../state/runs.js';
import { newRunId } from '../state/run-id.js';
import type { Reporter } from './reporter.js';
import { SecretResolver } from './secrets.js';
import { OP_TOOL } from '../tools.js';

export interface SessionOptions {
  /** The command line, for the lock and the ledger. */
  command: string;
  verbose: boolean;
  extraArgs: string[];
  targets: string[];
  kindOptions: Record<string, unknown>;
  concurrency: number;
}

/** One invocation of blumeops that plans or applies: its id, logs, processes and secrets. */
export class RunSession {
  readonly runId = newRunId();
  readonly tracker = new ProcessTracker();
  readonly controller = new AbortController();
  readonly secrets = new SecretResolver();
  readonly runDir: string;
  private readonly logs: RunLog[] = [];

  constructor(
    readonly repo: RepoInfo,
    /** Where the layers read desired state: the repo, or a worktree at --ref. */
    readonly dir: string,
    /** The commit being reconciled. */
    readonly commit: string | null,
    /** What the operator named: HEAD, or the --ref they gave. */
    readonly ref: string,
    readonly options: SessionOptions,
  ) {
    this.runDir = createRunDir(repo.gitDir, this.runId);
  }

  logPath(layer: string): string {
    return layerLogPath(this.runDir, layer);
  }

  /** The context a layer's plan/apply is given; its env (secrets resolved) goes only to its tools. */
  async layerContext(layer: LayerConfig, reporter: Reporter): Promise<LayerContext<unknown>> {
    const settings = this.runSettings(layer);
    const env = await this.secrets.resolveEnv(layer.name, layer.env, createLayerRun({ ...settings, env: {} }));
    return {
      ...this.contextBase(layer),
      extraArgs: this.options.extraArgs,
      targets: this.options.targets,
      options: this.options.kindOptions,
      verbose: this.options.verbose,
      run: createLayerRun({ ...settings, env }),
      emit: (event) => reporter.layerEvent(layer.name, event),
    };
  }

  /** A context for read-only description (`blumeops context`): no secrets resolved, no options, silent. */
  describeContext(layer: LayerConfig): LayerContext<unknown> {
    return { ...this.contextBase(layer), extraArgs: [], targets: [], options: {}, verbose: false, run: createLayerRun({ ...this.runSettings(layer), env: {} }), emit: () => {} };
  }

  private contextBase(layer: LayerConfig) {
    return { name: layer.name, config: layer.config, dir: this.dir, repoRoot: this.repo.root, commit: this.commit, signal: this.controller.signal };
  }

  /** The gateway settings of one layer: its own log, the run's processes, its deadline and tools. */
  private runSettings(layer: LayerConfig) {
    const log = new RunLog(this.logPath(layer.name));
    this.logs.push(log);
    return { layer: layer.name, log, tracker: this.tracker, deadline: Date.now() + layer.timeoutMs, timeoutLabel: layer.timeout, tools: [...layer.reconciler.tools, OP_TOOL] };
  }

  /** First Ctrl-C asks the tools to stop; a second one kills them. */
  interrupt(): void {
    if (this.tracker.interrupted) {
      this.tracker.kill();
      return;
    }
    this.controller.abort();
    this.tracker.interrupt();
  }

  close(): void {
    for (const log of this.logs) log.close();
  }
}

/** A temporary `git worktree` at `commit`, removed by the returned cleanup (even on failure). */
export async function checkoutWorktree(repo: RepoInfo, commit: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'blumeops-ref-'));
  const dir = path.join(parent, 'tree');
  await git(repo.root, ['worktree', 'add', '--detach', '--quiet', dir, commit]);
  return {
    dir,
    async remove() {
      await git(repo.root, ['worktree', 'remove', '--force', dir]).catch(() => undefined);
      rmSync(parent, { recursive: true, force: true });
      await git(repo.root, ['worktree', 'prune']).catch(() => undefined);
    },
  };
}
