import type { LayerOutcome, Phase } from '../engine/outcome.js';
import type { Reporter } from '../engine/reporter.js';

export interface LayerLabel {
  name: string;
  kind: string;
}

/** One renderer is picked once per run: tty (listr2 + chalk), plain (no TTY, CI), json (document on stdout). */
export interface Renderer extends Reporter {
  /** Live progress for these layers starts (a listr2 task each on a TTY). */
  begin(layers: readonly LayerLabel[], phase: Phase): void;
  /** Live progress is over (waits for listr2 to draw its last frame). */
  end(): Promise<void>;
  /** Each layer's headline and body: the plan, or what was applied. */
  outcomes(outcomes: readonly LayerOutcome[], phase: Phase): void;
  /** A line for the operator (never on stdout in --json mode). */
  say(text: string): void;
  warn(text: string): void;
  /** Whether the operator can be asked a question. */
  readonly interactive: boolean;
}

export interface RendererOptions {
  color: boolean;
  verbose: boolean;
  quiet: boolean;
  /** Human output goes here: stdout, or stderr in --json mode. */
  stream: NodeJS.WriteStream;
}
