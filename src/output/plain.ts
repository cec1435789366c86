import type { LayerOutcome, Phase } from '../engine/outcome.js';
import type { LayerEvent } from '../reconciler.js';
import { headline, layerBody, runTotal } from './format.js';
import { createPaint } from './paint.js';
import type { LayerLabel, Renderer, RendererOptions } from './renderer.js';

/** For CI and pipes: whole lines prefixed by the layer name, so concurrent layers never interleave mid-line. */
export class PlainRenderer implements Renderer {
  readonly out;
  private readonly paint;
  private width = 0;

  constructor(private readonly options: RendererOptions) {
    this.out = options.out;
    this.paint = createPaint(options.out.color);
  }

  private write(lines: string[]): void {
    if (lines.length > 0) this.out.write(`${lines.join('\n')}\n`);
  }

  private prefix(layer: string): string {
    return `${layer.padEnd(this.width)} | `;
  }

  begin(layers: readonly LayerLabel[]): void {
    this.width = Math.max(this.width, ...layers.map((layer) => layer.name.length));
  }

  async end(): Promise<void> {}

  layerStarted(layer: string, phase: Phase): void {
    if (!this.options.quiet) this.write([`${this.prefix(layer)}${phase === 'plan' ? 'planning' : 'applying'}…`]);
  }

  layerEvent(layer: string, event: LayerEvent): void {
    if (event.type === 'progress' && !this.options.verbose) return;
    if (event.type === 'info' && this.options.quiet) return;
    const text = event.type === 'warning' ? this.paint.warn(`warning: ${event.message}`) : event.message;
    this.write([`${this.prefix(layer)}${text}`]);
  }

  layerFinished(): void {}

  notice(message: string): void {
    this.write([this.paint.warn(message)]);
  }

  outcomes(outcomes: readonly LayerOutcome[], phase: Phase): void {
    this.width = Math.max(this.width, ...outcomes.map((outcome) => outcome.name.length));
    for (const outcome of outcomes) {
      const prefix = this.prefix(outcome.name);
      const seconds = outcome.durationMs ? this.paint.dim(` (${(outcome.durationMs / 1000).toFixed(1)}s)`) : '';
      const body = this.options.quiet && outcome.status !== 'failed' ? [] : layerBody(outcome, this.paint, this.options.verbose, phase);
      this.write([`${prefix}${this.paint.bold(outcome.kind)}: ${headline(outcome, this.paint)}${seconds}`, ...body.map((line) => `${prefix}  ${line}`)]);
    }
    if (!this.options.quiet) this.write([runTotal(outcomes)]);
  }

  say(text: string): void {
    if (!this.options.quiet) this.write([text]);
  }

  warn(text: string): void {
    this.write([this.paint.warn(`warning: ${text}`)]);
  }
}
