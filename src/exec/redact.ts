/**
 * Masks secret values in everything blumeops prints or writes. One process-wide set: a secret is
 * registered once when it is resolved, and every writer (terminal, logs, ledger, JSON) redacts.
 */
export const MASK = '****';
/** Values shorter than this are not masked: masking "a" or "1" everywhere would garble all output. */
export const MIN_SECRET_LENGTH = 3;

const secrets = new Set<string>();
/** One alternation of every secret, longest first (so a secret containing another is masked whole). */
let pattern: RegExp | undefined;

export function registerSecret(value: string): void {
  for (const form of [value, value.trim()]) {
    if (form.length >= MIN_SECRET_LENGTH) secrets.add(form);
  }
  const ordered = [...secrets].sort((a, b) => b.length - a.length);
  pattern = ordered.length > 0 ? new RegExp(ordered.map(escapeRegExp).join('|'), 'g') : undefined;
}

export function hasSecrets(): boolean {
  return pattern !== undefined;
}

/** One pass over the text whatever the number of secrets: a chatty tool's output stays fast. */
export function redact(text: string): string {
  return pattern ? text.replace(pattern, MASK) : text;
}

/** Redacts a JSON-able value deeply (strings only), for the ledger and JSON output. */
export function redactDeep<T>(value: T): T {
  if (!pattern) return value;
  // JSON escapes quotes, backslashes and control characters: mask in each string's decoded form.
  return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? redact(item) : item))) as T;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Splits a byte stream into blocks of whole lines and redacts them, so a secret split across two
 * chunks is still masked: nothing is released until its line is complete (or the stream ends).
 * Blocks (not single lines) keep a chatty tool's output cheap to log.
 */
export class LineRedactor {
  private pending = '';

  /** `onBlock` gets one or more complete lines joined by newlines, without the last newline. */
  constructor(private readonly onBlock: (block: string) => void) {}

  push(chunk: string): void {
    const text = this.pending + chunk;
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline === -1) {
      this.pending = text;
      return;
    }
    this.pending = text.slice(lastNewline + 1);
    this.onBlock(redact(text.slice(0, lastNewline)));
  }

  end(): void {
    if (this.pending.length > 0) this.onBlock(redact(this.pending));
    this.pending = '';
  }
}

/** For tests only: forget every registered secret. */
export function resetSecretsForTests(): void {
  secrets.clear();
  pattern = undefined;
}
