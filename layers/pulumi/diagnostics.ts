/**
 * Pulumi diagnostics (`{urn?, message, severity}`) as lines for a person. Warnings become plan or
 * apply warnings, errors become the message of the layer's error; info and debug are program
 * chatter and are dropped.
 */
import { isStackUrn, resourceLabel } from './urn.js';

export interface DiagnosticLike {
  urn?: string | null;
  message: string;
  severity: string;
  ephemeral?: boolean | null;
}

/** Pulumi's colour markup (`<{%reset%}>`), present when colours were not turned off. */
const COLOR_MARKUP = /<\{%[^%]*%\}>/g;

const TRACEBACK = 'Traceback (most recent call last):';

/**
 * A Python provider's exception arrives as its whole traceback; the person needs its last line,
 * `Exception: device indri: invalid tag …` (a bare `Exception: ` adds nothing and is dropped).
 */
function exceptionLine(message: string): string {
  if (!message.includes(TRACEBACK)) return message;
  const lines = message.split('\n').map((line) => line.trimEnd()).filter((line) => line !== '');
  let last = lines.length - 1;
  while (last >= 0 && !/^\s/.test(lines[last]) && lines[last] !== TRACEBACK) last -= 1;
  const rest = lines.slice(last + 1).join('\n');
  return rest === '' ? message : rest.replace(/^Exception: /, '');
}

export function cleanMessage(message: string): string {
  return exceptionLine(
    message
      .replace(COLOR_MARKUP, '')
      .replace(/^\s*(error|warning): /, '')
      .trim(),
  );
}

/** `TYPE NAME: message`; the root stack's diagnostics are the program's own and carry no label. */
export function formatDiagnostic(diagnostic: DiagnosticLike): string {
  const message = cleanMessage(diagnostic.message);
  const urn = diagnostic.urn ?? '';
  return urn !== '' && !isStackUrn(urn) ? `${resourceLabel(urn)}: ${message}` : message;
}

/** Warnings and errors, formatted, in the order pulumi sent them (duplicates dropped). */
export function splitDiagnostics(diagnostics: readonly DiagnosticLike[]): { warnings: string[]; errors: string[] } {
  const warnings = new Set<string>();
  const errors = new Set<string>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.ephemeral) continue;
    const text = formatDiagnostic(diagnostic);
    if (text === '') continue;
    if (diagnostic.severity === 'warning') warnings.add(text);
    else if (diagnostic.severity === 'error') errors.add(text);
  }
  return { warnings: [...warnings], errors: [...errors] };
}
