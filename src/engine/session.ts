import type { LayerConfig } from '../config/load.js';
import { createLayerRun } from '../exec/gateway.js';
import { RunLog } from '../exec/log.js';
import type { LayerContext } from '../reconciler.js';
import { layerLogPath, markApplyRun, pruneReads, pruneRuns, readRunDir, runDir } from '../state/runs.js';
import { newRunId } from '../state/run-id.js';
import { OP_TOOL } from '../tools.js';
import type { Interrupts } from './interrupts.js';
import type { Reporter } from './reporter.js';
import { SecretResolver } from './secrets.js';
import type { Workspace } from './workspace.js';

export interface SessionOptions {
  verbose: boolean;
  extraArgs: string[];
  targets: string[];
  kindOptions: Record<string, unknown>;
  concurrency: number;
  /**
   * `review` runs (plan, apply, watch's auto-apply) keep their logs among the last runs and prune
   * older ones; `read` runs (status, context, watch's look at each layer) keep theirs apart, under
   * reads/, and prune only those, so they never push a plan's or an apply's logs out.
   */
  retention: 'review' | 'read';
}

/** One invocation of blumeops that plans or applies: its id, logs, processes and secrets. */
export class RunSession {
  readonly runId = newRunId();
  readonly secrets = new SecretResolver();
  readonly runDir: string;
  private readonly logs: RunLog[] = [];

  constructor(
    readonly workspace: Workspace,
    readonly interrupts: Interrupts,
    readonly options: SessionOptions,
  ) {
    const { gitDir } = workspace.repo;
    if (options.retention === 'review') {
      this.runDir = runDir(gitDir, this.runId);
      pruneRuns(gitDir);
    } else {
      this.runDir = readRunDir(gitDir, this.runId);
      pruneReads(gitDir);
    }
  }

  get tracker() {
    return this.interrupts.tracker;
  }

  logPath(layer: string): string {
    return layerLogPath(this.runDir, layer);
  }

  /** Marks this run as an apply of these layers (its logs outlive later plans and watch cycles). */
  markApply(layers: readonly string[]): void {
    markApplyRun(this.runDir, layers);
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
    const { workspace } = this;
    return { name: layer.name, config: layer.config, dir: workspace.dir, repoRoot: workspace.repo.root, commit: workspace.commit, signal: this.interrupts.signal };
  }

  /** The gateway settings of one layer: its own log, the run's processes, its deadline and tools. */
  private runSettings(layer: LayerConfig) {
    const log = new RunLog(this.logPath(layer.name));
    this.logs.push(log);
    return { layer: layer.name, log, tracker: this.tracker, deadline: Date.now() + layer.timeoutMs, timeoutLabel: layer.timeout, tools: [...layer.reconciler.tools, OP_TOOL] };
  }

  close(): void {
    for (const log of this.logs) log.close();
  }
}

/** A session for the duration of `body`, its logs closed whatever happens. */
export async function withSession<T>(workspace: Workspace, interrupts: Interrupts, options: SessionOptions, body: (session: RunSession) => Promise<T>): Promise<T> {
  const session = new RunSession(workspace, interrupts, options);
  try {
    return await body(session);
  } finally {
    session.close();
  }
}
