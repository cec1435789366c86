import { PlainRenderer } from './plain.js';
import type { Renderer } from './renderer.js';

export interface OutputFlags {
  json: boolean;
  color: boolean;
  verbose: boolean;
  quiet: boolean;
}

/** Chosen once per run: JSON sends human output to stderr; a TTY (not CI) gets listr2; else plain lines. */
export async function pickRenderer(flags: OutputFlags): Promise<Renderer> {
  const stream = flags.json ? process.stderr : process.stdout;
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  const tty = Boolean(stream.isTTY) && !ci && !flags.json;
  const color = flags.color && (tty || Boolean(process.env.FORCE_COLOR)) && !process.env.NO_COLOR;
  const options = { color, verbose: flags.verbose, quiet: flags.quiet, stream };
  if (tty && flags.color && process.env.TERM !== 'dumb') {
    const { TtyRenderer } = await import('./tty.js');
    return new TtyRenderer(options);
  }
  return new PlainRenderer(options);
}
