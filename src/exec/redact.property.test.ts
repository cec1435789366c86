import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { LineSplitter, MIN_SECRET_LENGTH, redact, redactDeep, registerSecret, resetSecretsForTests } from './redact.js';

afterEach(resetSecretsForTests);

const escapeUnit = (char: string) => Array.from({ length: char.length }, (_, index) => `\\u${char.charCodeAt(index).toString(16).padStart(4, '0')}`).join('');

/** Secrets with the characters that break naive masking: quotes, backslashes, newlines, non-ASCII, regex syntax. */
const secretChars = fc.constantFrom(...'abcXYZ019"\\\n\t<>&$.+?()[]{}|^ü€-_=/ '.split(''), '😀');
const secret = fc
  .array(secretChars, { minLength: 8, maxLength: 24 })
  .map((chars) => chars.join(''))
  .filter((value) => value.split('\n').every((line) => line.trim().length >= MIN_SECRET_LENGTH));
/** Surrounding text from letters no secret uses, so a match can only be a leak. */
const noise = fc.array(fc.constantFrom('k', 'q', 'w', 'y', ' ', ':', '\n'), { maxLength: 20 }).map((chars) => chars.join(''));

/** How tools print a value: as is, trimmed, JSON-escaped, \u-escaped (Go's <>&, Python's ensure_ascii), indented line by line. */
const encodings: Record<string, (value: string) => string> = {
  raw: (value) => value,
  trimmed: (value) => value.trim(),
  json: (value) => JSON.stringify(value).slice(1, -1),
  go: (value) => JSON.stringify(value).slice(1, -1).replace(/[<>&]/g, escapeUnit),
  ascii: (value) => JSON.stringify(value).slice(1, -1).replace(/[^\x20-\x7e]/g, escapeUnit),
  lines: (value) => value.split('\n').map((line) => `    ${line.trim()}`).join('\n'),
};

/** Any line of the printed secret that is long enough to be a secret on its own, found in the output. */
function leaked(output: string, printed: string): string | undefined {
  return printed
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.length >= MIN_SECRET_LENGTH && output.includes(line));
}

describe('redactor properties', () => {
  it('never lets a secret out, in any printed form, at any chunk boundary', () => {
    fc.assert(
      fc.property(secret, fc.constantFrom(...Object.keys(encodings)), noise, noise, fc.array(fc.nat(), { maxLength: 4 }), (value, encoding, before, after, cuts) => {
        resetSecretsForTests();
        registerSecret(value);
        const printed = encodings[encoding](value);
        const text = `${before}\n${printed}\n${after}`;
        const bounds = [0, ...cuts.map((cut) => cut % (text.length + 1)).sort((a, b) => a - b), text.length];
        const blocks: string[] = [];
        const splitter = new LineSplitter((block) => blocks.push(redact(block)));
        for (let index = 1; index < bounds.length; index++) splitter.push(text.slice(bounds[index - 1], bounds[index]));
        splitter.end();
        expect(leaked(blocks.join('\n'), printed)).toBeUndefined();
        expect(leaked(JSON.stringify(redactDeep({ text })), JSON.stringify(value).slice(1, -1))).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });
});
