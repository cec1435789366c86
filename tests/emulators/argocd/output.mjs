// Writing to stdout/stderr the way the Go CLI does: logrus lines, tabwriter tables, JSON documents.
import { Fatal } from './errors.mjs';

let logFormat = 'text';

/** `--logformat text|json` (global flag). */
export function setLogFormat(format) {
  logFormat = format === 'json' ? 'json' : 'text';
}

/** RFC 3339 in UTC with second precision, like Go's metav1.Time / logrus timestamps. */
export function isoSeconds(ms = Date.now()) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// logrus quotes a value unless every char is in [A-Za-z0-9-._/@^+]; Go's %q ~ JSON for ASCII.
function logValue(text) {
  return /^[A-Za-z0-9\-._/@^+]+$/.test(text) ? text : JSON.stringify(text);
}

/** One logrus line on stderr (no TTY form): `time="..." level=LEVEL msg="..."`. */
export function logLine(level, msg) {
  const time = isoSeconds();
  if (logFormat === 'json') {
    process.stderr.write(`${JSON.stringify({ level, msg, time })}\n`);
  } else {
    process.stderr.write(`time="${time}" level=${level} msg=${logValue(msg)}\n`);
  }
}

/** Buffered stdout: one write at the end keeps big outputs (2,000 apps) fast. */
const chunks = [];
export function out(text) {
  chunks.push(text);
}
export function flushOut() {
  if (chunks.length === 0) return Promise.resolve();
  const text = chunks.join('');
  chunks.length = 0;
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

/** `json.MarshalIndent(v, "", "  ")` plus the newline PrintResource adds. */
export function printJson(value) {
  out(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Go's text/tabwriter with padding 2 and ' ' fill: every cell but the last of a row is padded
 * to its column's widest cell + 2.
 */
export function tabwrite(rows) {
  const widths = [];
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, String(cell).length);
    });
  }
  return rows
    .map((row) =>
      row.map((cell, i) => (i < row.length - 1 ? String(cell).padEnd(widths[i] + 2) : String(cell))).join(''),
    )
    .join('\n')
    .concat(rows.length ? '\n' : '');
}

/** `%-20s%s\n`, the key/value format of the app summary and operation result. */
export function kv(key, value) {
  return `${key.padEnd(20)}${value ?? ''}\n`;
}

/** `-o yaml`: the yaml package is loaded only here. */
export async function printYaml(value) {
  const { default: YAML } = await import('yaml');
  out(YAML.stringify(value));
}

/** Reject an `-o` value the command does not know (log.Fatalf, exit 1). */
export function checkOutput(format, allowed) {
  if (!allowed.includes(format)) throw new Fatal(1, `unknown output format: ${format}`);
}
