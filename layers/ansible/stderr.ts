/**
 * Pure readers of what ansible-playbook prints on stderr: `ERROR! …` (2.14) or `[ERROR]: …` (2.19)
 * for AnsibleError and parser errors, argparse's `ansible-playbook: error: …`, and `[WARNING]: …`
 * lines (wrapped at 80 columns).
 */
import path from 'node:path';

const ERROR_START = /^(?:ERROR! |\[ERROR\]: )/m;
/** 2.19 names the place on a line of its own: `Origin: /abs/x.yml:8:6`. */
const ORIGIN = /^Origin: (.+?):(\d+)(?::(\d+))?\s*$/m;

/** The first paragraph after `ERROR! ` / `[ERROR]: `, on one line, without its `Origin:`; undefined when there is none. */
export function ansibleError(stderr: string): string | undefined {
  const start = ERROR_START.exec(stderr);
  if (!start) return undefined;
  const rest = stderr.slice(start.index + start[0].length);
  const paragraph = rest.split(/\r?\n\s*\r?\n/, 1)[0];
  const lines = paragraph.split(/\r?\n/).filter((line) => !ORIGIN.test(line));
  return lines.join('\n').replace(/\s*\r?\n\s*/g, ' ').trim();
}

/**
 * The YAML parser's own complaint under `Syntax Error while loading YAML.` (`did not find expected
 * '-' indicator`): what a person needs, where `ERROR!`'s first paragraph is about JSON (2.14; 2.19's
 * `[ERROR]: YAML parsing failed: …` says it in its first paragraph).
 */
export function yamlProblem(stderr: string): string | undefined {
  const match = /Syntax Error while loading YAML\.[ \t]*\r?\n((?:[ \t]+\S.*(?:\r?\n|$))+)/.exec(stderr);
  if (match) return match[1].replace(/\s*\r?\n\s*/g, ' ').trim();
  const newer = /^\[ERROR\]: YAML parsing failed: (.+?)\.?\s*$/m.exec(stderr);
  return newer ? newer[1].trim() : undefined;
}

/**
 * The offending lines ansible shows: 2.14's block after `The offending line appears to be:` ending in
 * `^ here`, or 2.19's numbered lines after `Origin:` ending in `^ column N`.
 */
export function offendingLines(stderr: string): string | undefined {
  const match =
    /The offending line appears to be:\r?\n\r?\n([\s\S]*?)(?:\r?\n\s*\r?\n|$)/.exec(stderr) ??
    /(?:^|\n)Origin: .*\r?\n\r?\n(\d+ [\s\S]*?)(?:\r?\n\s*\r?\n|\s*$)/.exec(stderr);
  return match ? match[1].replace(/\s+$/, '') : undefined;
}

export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

/**
 * `The error appears to be in '/abs/x.yml': line 5, column 3` (2.14) or `Origin: /abs/x.yml:5:3`
 * (2.19) → its file (relative to dir when it is inside it, so that a worktree path reads as a repo
 * path), line and column (1 when 2.19 gives none).
 */
export function errorLocation(stderr: string, dir?: string): SourceLocation | undefined {
  const match = /The error appears to be in '([^']+)': line (\d+), column (\d+)/.exec(stderr) ?? ORIGIN.exec(stderr);
  if (!match) return undefined;
  let file = match[1];
  if (dir && path.isAbsolute(file)) {
    const relative = path.relative(dir, file);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) file = relative;
  }
  return { file, line: Number(match[2]), col: Number(match[3] ?? 1) };
}

/** argparse's complaint (`unrecognized arguments: --bogus`) when the command line was rejected. */
export function usageError(stderr: string): string | undefined {
  const match = /^ansible-playbook: error: (.+)$/m.exec(stderr);
  return match ? match[1].trim() : undefined;
}

/** `[WARNING]: …` and `[DEPRECATION WARNING]: …`, with their wrapped continuation lines joined. */
export function stderrWarnings(stderr: string): string[] {
  const warnings: string[] = [];
  let current: string | undefined;
  for (const raw of stderr.split(/\r?\n/)) {
    const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
    const start = /^\[(?:DEPRECATION )?WARNING\]: ?(.*)$/.exec(line);
    if (start) {
      if (current !== undefined) warnings.push(current);
      current = start[1].trim();
    } else if (current !== undefined && line.trim() !== '' && !line.startsWith('[') && !ERROR_START.test(line)) {
      current += ` ${line.trim()}`;
    } else if (current !== undefined) {
      warnings.push(current);
      current = undefined;
    }
  }
  if (current !== undefined) warnings.push(current);
  return warnings;
}

/** The last lines of a text, for error hints and ToolError tails. */
export function tail(text: string, lines = 20): string {
  return text.replace(/\s+$/, '').split(/\r?\n/).slice(-lines).join('\n');
}
