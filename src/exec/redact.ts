/**
 * Masks secret values in everything blumeops prints or writes. One process-wide set: a secret is
 * registered once when it is resolved, and every writer (terminal, logs, ledger, JSON) redacts.
 */
export const MASK = '****';
/** Values shorter than this are not masked: masking "a" or "1" everywhere would garble all output. */
export const MIN_SECRET_LENGTH = 3;

const secrets = new Set<string>();
let ordered: string[] = [];

export function registerSecret(value: string): void {
  for (const form of [value, value.trim()]) {
    if (form.length >= MIN_SECRET_LENGTH) secrets.add(form);
  }
  // Longest first, so a secret that contains another is masked whole.
  ordered = [...secrets].sort((a, b) => b.length - a.length);
}

export function hasSecrets(): boolean {
  return ordered.length > 0;
}

export function redact(text: string): string {
  if (ordered.length === 0) return text;
  let out = text;
  for (const secret of ordered) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}

/** Redacts a JSON-able value deeply (strings only), for the ledger and JSON output. */
export function redactDeep<T>(value: T): T {
  if (ordered.length === 0) return value;
  return JSON.parse(redact(JSON.stringify(value))) as T;
}

/**
 * Splits a byte stream into lines and redacts whole lines, so a secret split across two chunks is
 * still masked: nothing is released until its line is complete (or the stream ends).
 */
export class LineRedactor {
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const text = this.pending + chunk;
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline === -1) {
      this.pending = text;
      return;
    }
    this.pending = text.slice(lastNewline + 1);
    const complete = text.slice(0, lastNewline);
    for (const line of redact(complete).split('\n')) this.onLine(line);
  }

  end(): void {
    if (this.pending.length > 0) this.onLine(redact(this.pending));
    this.pending = '';
  }
}

/** For tests only: forget every registered secret. */
export function resetSecretsForTests(): void {
  secrets.clear();
  ordered = [];
}
