/** Pure readers of argocd output (docs/tools/argocd.md). */
import { BlumeopsError } from '../../src/errors.js';
import { LiveApp } from './schema.js';

/**
 * `argocd app list -o json`: a JSON array of Applications (`[]` when none). Output that is not
 * one is a BlumeopsError naming `logPath`, the run log that holds it in full.
 */
export function parseAppList(stdout: string, logPath?: string): LiveApp[] {
  const where = logPath ? `; the full output is in ${logPath}` : '';
  let value: unknown;
  try {
    value = JSON.parse(stdout.trim() || '[]');
  } catch (error) {
    throw new BlumeopsError('argocd app list -o json printed something that is not JSON', { cause: error, hint: `check the argocd version (blumeops doctor)${where}` });
  }
  const parsed = LiveApp.array().safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.map(String).join('.') || '(top)';
    throw new BlumeopsError(`argocd app list -o json: unexpected shape at ${at.slice(0, 200)}: ${issue.message.slice(0, 200)}`, { hint: `check the argocd version (blumeops doctor)${where}` });
  }
  return parsed.data;
}

/** `argocd app sync -o json`: one Application document per app, concatenated. Tolerates noise. */
export function parseApps(stdout: string): LiveApp[] {
  const apps: LiveApp[] = [];
  for (const text of jsonDocuments(stdout)) {
    try {
      const parsed = LiveApp.safeParse(JSON.parse(text));
      if (parsed.success) apps.push(parsed.data);
    } catch {
      // not a document after all (a brace in a log line)
    }
  }
  return apps;
}

/** Splits concatenated top-level JSON objects by brace depth, minding strings. */
export function jsonDocuments(text: string): string[] {
  const documents: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"' && depth > 0) {
      inString = true;
    } else if (char === '{') {
      if (depth++ === 0) start = i;
    } else if (char === '}' && depth > 0 && --depth === 0) {
      documents.push(text.slice(start, i + 1));
    }
  }
  return documents;
}

/**
 * The message of argocd's last fatal/error log line: `time="…" level=fatal msg="…"` (no TTY),
 * `FATA[0000] …` (TTY) or `{"level":"fatal","msg":"…"}` (--logformat json); else the last line.
 */
export function errorMessage(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  for (const line of [...lines].reverse()) {
    const text = /level=(?:fatal|error) msg="((?:[^"\\]|\\.)*)"/.exec(line)?.[1];
    if (text !== undefined) return text.replace(/\\(.)/g, '$1');
    const tty = /^(?:FATA|ERRO)\[\d+\]\s*(.*)$/.exec(line)?.[1];
    if (tty !== undefined) return tty;
    if (line.startsWith('{')) {
      try {
        const entry = JSON.parse(line) as { level?: string; msg?: string };
        if (entry.msg && (entry.level === 'fatal' || entry.level === 'error')) return entry.msg;
      } catch {
        // not a JSON log line
      }
    }
  }
  return lines.at(-1) ?? '';
}

/** `N resources require pruning` (exit 1 of a sync without --prune): N, or undefined. */
export function pruningRequired(output: string): number | undefined {
  const count = /(\d+) resources? requires? pruning/.exec(output)?.[1];
  return count === undefined ? undefined : Number(count);
}

/** `timed out (Ns) waiting for app "NAME" …` (exit 20 of sync/wait). */
export function timedOut(output: string): boolean {
  return /timed out \(\d+s\) waiting for app/.test(output);
}

/** `argocd app diff`: the resources named by `===== GROUP/KIND NS/NAME ======` headers. */
export function diffResources(stdout: string): string[] {
  return [...stdout.matchAll(/^===== (\S*) (\S*) ======$/gm)].map(([, kind, name]) => `${kind} ${name}`);
}
