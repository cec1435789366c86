import type { RunView } from '../engine/request.js';
import type { Terminal } from './terminal.js';

export interface LayerLabel {
  name: string;
  kind: string;
}

/**
 * One renderer is picked once per run: tty (listr2 + chalk) or plain (no TTY, CI); with --json the
 * document goes to stdout and the renderer writes to stderr. Everything it writes is masked.
 */
export interface Renderer extends RunView {
  readonly out: Terminal;
}

export interface RendererOptions {
  out: Terminal;
  verbose: boolean;
  quiet: boolean;
}
