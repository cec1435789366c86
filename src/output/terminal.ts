import { redact } from '../exec/redact.js';

/** How human output is shown, decided once per command from the stream, the flags and the environment. */
export interface Terminal {
  /** Where human output goes: stdout, or stderr when stdout carries a document (--json, markdown). */
  stream: NodeJS.WriteStream;
  /** A person is watching a terminal (not CI, not a pipe): live display and prompts. */
  tty: boolean;
  color: boolean;
  /** Someone can be asked a question (a terminal on both stdin and the output stream). */
  canAsk: boolean;
  /** Writes text to the stream with every secret masked: every human-facing line goes through here. */
  write(text: string): void;
}

/**
 * The one terminal policy. CI is any `CI` value but empty, `0` or `false` (CI systems set `true`, `1`,
 * `woodpecker`…). Colour needs the flag, no `NO_COLOR`, and a terminal or `FORCE_COLOR` (not `0`).
 */
export function terminal(options: { document: boolean; color: boolean }): Terminal {
  const stream = options.document ? process.stderr : process.stdout;
  const ci = isCi(process.env.CI);
  const tty = Boolean(stream.isTTY) && !ci && process.env.TERM !== 'dumb';
  const forced = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0' && process.env.FORCE_COLOR !== 'false';
  const color = options.color && !process.env.NO_COLOR && (tty || forced);
  return { stream, tty, color, canAsk: tty && Boolean(process.stdin.isTTY), write: (text) => void stream.write(redact(text)) };
}

export function isCi(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'false'].includes(value.toLowerCase());
}

/** Prints a document (JSON, markdown) on stdout, secrets masked. */
export function printDocument(text: string): void {
  process.stdout.write(redact(text));
}

/** One line for a person on stderr (a notice, a warning), secrets masked: stdout may carry a document. */
export function printNote(line: string): void {
  process.stderr.write(redact(`${line}\n`));
}
