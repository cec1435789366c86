/**
 * Masks secret values in everything blumeops prints or writes. One process-wide set: a secret is
 * registered once when it is resolved (and blumeops' own credentials at start), and every writer —
 * terminal, run logs, ledger, JSON, notifications — masks at its boundary. Layers parse the tools'
 * raw output first; masking comes after, so a secret that happens to be `true` or part of a URN
 * cannot corrupt what a layer reads.
 */
export const MASK = '****';
/** Shorter values cannot be masked without garbling all output: they are refused when resolved. */
export const MIN_SECRET_LENGTH = 3;

/** Credentials blumeops itself may run with: masked too, from the start. */
export const OWN_CREDENTIALS = ['OP_SERVICE_ACCOUNT_TOKEN', 'OP_CONNECT_TOKEN', 'ARGOCD_AUTH_TOKEN', 'PULUMI_ACCESS_TOKEN', 'PULUMI_CONFIG_PASSPHRASE'] as const;

const secrets = new Set<string>();
/** One alternation of every form of every secret, longest first (a secret containing another is masked whole). */
let pattern: RegExp | undefined;

/**
 * Registers a secret in every form a tool prints it: as is, trimmed, JSON-escaped (`\"`, `\\`, `\n`,
 * and `\u003c`-style escapes of Go and of Python's ensure_ascii), and line by line when it spans
 * several lines (a key printed one line at a time, each line maybe indented).
 */
export function registerSecret(value: string): void {
  for (const form of secretForms(value)) if (form.length >= MIN_SECRET_LENGTH) secrets.add(form);
  const ordered = [...secrets].sort((a, b) => b.length - a.length);
  pattern = ordered.length > 0 ? new RegExp(ordered.map(escapeRegExp).join('|'), 'g') : undefined;
}

export function secretForms(value: string): Set<string> {
  const forms = new Set<string>();
  const bases = [value, value.trim(), ...value.split(/\r?\n/).map((line) => line.trim())];
  for (const base of bases) {
    if (base.length === 0) continue;
    forms.add(base);
    const json = JSON.stringify(base).slice(1, -1);
    forms.add(json);
    forms.add(json.replace(/[<>&\u2028\u2029]/g, unicodeEscape));
    forms.add(json.replace(/[^\x20-\x7e]/g, unicodeEscape));
    forms.add(json.replace(/[^\x20-\x7e]|[<>&]/g, unicodeEscape));
  }
  return forms;
}

/** Registers blumeops' own credentials found in its environment. */
export function registerOwnCredentials(env: NodeJS.ProcessEnv): void {
  for (const name of OWN_CREDENTIALS) {
    const value = env[name];
    if (value && value.trim().length >= MIN_SECRET_LENGTH) registerSecret(value);
  }
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

function unicodeEscape(char: string): string {
  return [...char].map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Splits a byte stream into blocks of whole lines, so a secret split across two chunks is still
 * masked by whoever writes the block: nothing is released until its line is complete (or the stream
 * ends). Blocks (not single lines) keep a chatty tool's output cheap to log.
 */
export class LineSplitter {
  private pending = '';

  /** `onBlock` gets one or more complete lines joined by newlines, without the last newline. Raw: not masked. */
  constructor(private readonly onBlock: (block: string) => void) {}

  push(chunk: string): void {
    // Only the new chunk is searched: searching pending + chunk rescanned (and flattened) a long
    // line at every chunk, quadratic in its length (a 16 MB event line took seconds).
    const lastNewline = chunk.lastIndexOf('\n');
    if (lastNewline === -1) {
      this.pending += chunk;
      return;
    }
    const block = this.pending + chunk.slice(0, lastNewline);
    this.pending = chunk.slice(lastNewline + 1);
    this.onBlock(block);
  }

  end(): void {
    if (this.pending.length > 0) this.onBlock(this.pending);
    this.pending = '';
  }
}

/** For tests only: forget every registered secret. */
export function resetSecretsForTests(): void {
  secrets.clear();
  pattern = undefined;
}
