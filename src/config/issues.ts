import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import { BlumeopsError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { positionOf } from './positions.js';

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  record: 'a map',
};

export interface IssueContext {
  file: string;
  displayFile: string;
  doc: Document;
  lineCounter: LineCounter;
  /** Where the validated value sits in the file, e.g. ['layers', 'tailnet']. */
  basePath: (string | number)[];
  /** Keys allowed at the validated level, for "did you mean". */
  allowedKeys: readonly string[];
}

/** A key or value from the file as a message shows it: a 200 KB value would bury the message. */
export function clip(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** A key path for a message, each segment clipped. */
export function showPath(path: readonly (string | number)[]): string {
  return path.map((segment) => clip(String(segment))).join('.');
}

/** Turns the first zod issue into a BlumeopsError that points at file:line:col and the key path. */
export function issueToError(issue: z.core.$ZodIssue, context: IssueContext): BlumeopsError {
  const issuePath = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
  let fullPath = [...context.basePath, ...issuePath];
  let message = issue.message;
  let hint: string | undefined;
  let atKey = false;

  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    fullPath = [...fullPath, key];
    atKey = true;
    message = `unknown key "${clip(key)}"`;
    const suggestion = didYouMean(key, context.allowedKeys);
    hint = suggestion || `allowed keys: ${context.allowedKeys.join(', ')}`;
  } else if (issue.code === 'invalid_type') {
    const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
    const missing = (issue as { input?: unknown }).input === undefined;
    message = missing ? `required (expected ${expected})` : /^expected /.test(issue.message) ? issue.message : `expected ${expected}`;
  } else if (/^expected /.test(issue.message)) {
    message = issue.message;
  } else if (issue.code === 'invalid_value' && 'values' in issue) {
    message = `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  }

  const position = positionOf(context.doc, context.lineCounter, fullPath, atKey);
  const keyPath = fullPath.join('.');
  return new BlumeopsError(`${context.displayFile}:${position.line}:${position.col}: ${showPath(fullPath)}: ${message}`, {
    hint,
    location: { file: context.file, line: position.line, col: position.col, keyPath },
  });
}
