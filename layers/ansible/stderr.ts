/**
 * Pure readers of what ansible-playbook prints on stderr: `ERROR! …` (AnsibleError, parser errors),
 * argparse's `ansible-playbook: error: …`, and `[WARNING]: …` lines (wrapped at 80 columns).
 */
import path from 'node:path';

/** The first paragraph after `ERROR! `, on one line; undefined when there is none. */
export function ansibleError(stderr: string): string | undefined {
  const start = stderr.indexOf('ERROR! ');
  if (start === -1) return undefined;
  const rest = stderr.slice(start + 'ERROR! '.length);
  const paragraph = rest.split(/\r?\n\s*\r?\n/, 1)[0];
  return paragraph.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/**
 * The YAML parser's own complaint under `Syntax Error while loading YAML.` (`did not find expected
 * '-' indicator`): what a person needs, where `ERROR!`'s first paragraph is about JSON.
 */
export function yamlProblem(stderr: string): string | undefined {
  const match = /Syntax Error while loading YAML\.[ \t]*\r?\n((?:[ \t]+\S.*(?:\r?\n|$))+)/.exec(stderr);
  return match ? match[1].replace(/\s*\r?\n\s*/g, ' ').trim() : undefined;
}

/** The block ansible prints after the location: the offending line and the `^ here` marker. */
export function offendingLines(stderr: string): string | undefined {
  const match = /The offending line appears to be:\r?\n\r?\n([\s\S]*?)(?:\r?\n\s*\r?\n|$)/.exec(stderr);
  return match ? match[1].replace(/\s+$/, '') : undefined;
}

export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

/**
 * `The error appears to be in '/abs/x.yml': line 5, column 3` → its file (relative to dir when it is
 * inside it, so that a worktree path reads as a repo path), line and column.
 */
export function errorLocation(stderr: string, dir?: string): SourceLocation | undefined {
  // Newer ansible-core prints `Origin: /abs/x.yml:5:3` instead.
  const match = /The error appears to be in '([^']+)': line (\d+), column (\d+)/.exec(stderr) ?? /^Origin: (.+?):(\d+):(\d+)\s*$/m.exec(stderr);
  if (!match) return undefined;
  let file = match[1];
  if (dir && path.isAbsolute(file)) {
    const relative = path.relative(dir, file);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) file = relative;
  }
  return { file, line: Number(match[2]), col: Number(match[3]) };
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
    } else if (current !== undefined && line.trim() !== '' && !line.startsWith('[') && !line.startsWith('ERROR!')) {
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
