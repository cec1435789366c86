import { Listr, type ListrTaskWrapper } from 'listr2';
import { redact } from '../exec/redact.js';
import type { LayerOutcome, Phase } from '../engine/outcome.js';
import type { LayerEvent } from '../reconciler.js';
import { headline, layerBody, runTotal } from './format.js';
import { createPaint } from './paint.js';
import type { LayerLabel, Renderer, RendererOptions } from './renderer.js';

interface LiveTask {
  task?: ListrTaskWrapper<unknown, any, any>;
  done?: boolean;
  finish: (outcome: LayerOutcome) => void;
  finished: Promise<LayerOutcome>;
}

/** On a terminal: a listr2 task per layer with live status, then the plan in colour. */
export class TtyRenderer implements Renderer {
  readonly out;
  private readonly paint;
  private live = new Map<string, LiveTask>();
  private running: Promise<unknown> | undefined;

  constructor(private readonly options: RendererOptions) {
    this.out = options.out;
    this.paint = createPaint(options.out.color);
  }

  begin(layers: readonly LayerLabel[], phase: Phase): void {
    this.live = new Map();
    const verb = phase === 'plan' ? 'planning' : 'applying';
    for (const layer of layers) {
      let finish!: (outcome: LayerOutcome) => void;
      const finished = new Promise<LayerOutcome>((resolve) => (finish = resolve));
      this.live.set(layer.name, { finish, finished });
    }
    const list = new Listr(
      layers.map((layer) => ({
        title: redact(`${layer.name} ${this.paint.dim(`(${layer.kind})`)}`),
        task: async (_ctx: unknown, task: ListrTaskWrapper<unknown, any, any>) => {
          const live = this.live.get(layer.name)!;
          live.task = task;
          task.output = `${verb}…`;
          const outcome = await live.finished;
          task.title = redact(`${layer.name} ${this.paint.dim(`(${layer.kind})`)}: ${headline(outcome, this.paint)}`);
          if (outcome.status === 'failed') throw new Error(redact(outcome.error?.message ?? 'failed'));
          if (outcome.status === 'skipped') task.skip(task.title);
        },
      })),
      // blumeops alone decides what Ctrl-C does: listr2's own SIGINT handler would exit(127) at once,
      // leaving the lock, the ledger and the tools behind.
      { concurrent: true, exitOnError: false, registerSignalListeners: false, rendererOptions: { collapseErrors: false, showErrorMessage: false }, fallbackRendererCondition: () => false },
    );
    this.running = list.run().catch(() => undefined);
  }

  async end(): Promise<void> {
    // Layers the engine never started (selected but skipped early) still need their task closed.
    for (const [, live] of this.live) live.finish({ status: 'skipped' } as LayerOutcome);
    await this.running;
    this.running = undefined;
  }

  layerStarted(): void {}

  layerEvent(layer: string, event: LayerEvent): void {
    const task = this.live.get(layer)?.task;
    if (!task) return;
    task.output = redact(event.type === 'warning' ? this.paint.warn(`warning: ${event.message}`) : event.message);
  }

  layerFinished(outcome: LayerOutcome): void {
    const live = this.live.get(outcome.name);
    if (!live) return;
    live.done = true;
    live.finish(outcome);
  }

  notice(message: string): void {
    this.out.write(`${this.paint.warn(message)}\n`);
  }

  outcomes(outcomes: readonly LayerOutcome[], phase: Phase): void {
    const lines: string[] = [''];
    for (const outcome of outcomes) {
      lines.push(`${this.paint.bold(outcome.name)} ${this.paint.dim(`(${outcome.kind})`)}: ${headline(outcome, this.paint)}`);
      if (!this.options.quiet || outcome.status === 'failed') lines.push(...layerBody(outcome, this.paint, this.options.verbose, phase).map((line) => `  ${line}`));
    }
    lines.push('', this.paint.bold(runTotal(outcomes)));
    this.out.write(`${lines.join('\n')}\n`);
  }

  say(text: string): void {
    if (!this.options.quiet) this.out.write(`${text}\n`);
  }

  /** While the live display runs (listr2 holds the terminal), a warning shows under each running layer at once. */
  warn(text: string): void {
    const running = [...this.live.values()].filter((live) => live.task && !live.done);
    if (this.running && running.length > 0) {
      for (const live of running) live.task!.output = redact(this.paint.warn(text));
      return;
    }
    this.out.write(`${this.paint.warn(`warning: ${text}`)}\n`);
  }
}
