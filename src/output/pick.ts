import { PlainRenderer } from './plain.js';
import type { Renderer } from './renderer.js';
import { terminal } from './terminal.js';

export interface OutputFlags {
  /** stdout carries a document (--json, --format markdown): human output goes to stderr. */
  document: boolean;
  color: boolean;
  verbose: boolean;
  quiet: boolean;
}

/** Chosen once per run from the terminal policy: a person at a terminal gets listr2; else plain lines. */
export async function pickRenderer(flags: OutputFlags): Promise<Renderer> {
  const out = terminal({ document: flags.document, color: flags.color });
  const options = { out, verbose: flags.verbose, quiet: flags.quiet };
  if (out.tty && !flags.document && flags.color) {
    const { TtyRenderer } = await import('./tty.js');
    return new TtyRenderer(options);
  }
  return new PlainRenderer(options);
}
