import { afterEach, describe, expect, it } from 'vitest';
import { LineSplitter, MASK, redact, redactDeep, registerOwnCredentials, registerSecret, resetSecretsForTests } from './redact.js';

afterEach(resetSecretsForTests);

/** Feeds text through the splitter in the given pieces and masks each block, as the gateway's log does. */
function throughSplitter(pieces: readonly string[]): string {
  const blocks: string[] = [];
  const splitter = new LineSplitter((block) => blocks.push(redact(block)));
  for (const piece of pieces) splitter.push(piece);
  splitter.end();
  return blocks.join('\n');
}

describe('redact', () => {
  it('masks every registered value and its trimmed form, longest first', () => {
    registerSecret('hunter22\n');
    registerSecret('hunter22-extended');
    expect(redact('a hunter22 b hunter22-extended c')).toBe(`a ${MASK} b ${MASK} c`);
  });

  it('leaves text alone when nothing is registered, and ignores values too short to mask', () => {
    registerSecret('ab');
    expect(redact('abc ab')).toBe('abc ab');
  });

  it('masks secrets with regular-expression characters and quotes, also inside JSON', () => {
    registerSecret('p.a$s*w(o)r[d]+"q\\');
    expect(redact('x p.a$s*w(o)r[d]+"q\\ y pXa$s')).toBe(`x ${MASK} y pXa$s`);
    expect(redactDeep({ value: 'p.a$s*w(o)r[d]+"q\\' })).toEqual({ value: MASK });
  });

  it('masks the forms tools print: JSON-escaped, \\u-escaped (Go, Python ensure_ascii), line by line, trimmed', () => {
    const secret = 'line one "quoted" <tag> & ünï\n  second\\line  ';
    registerSecret(secret);
    const printed = [
      JSON.stringify({ value: secret }),
      JSON.stringify({ value: secret }).replace(/[<>&]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`),
      JSON.stringify({ value: secret }).replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`),
      `key: |\n    line one "quoted" <tag> & ünï\n    second\\line`,
      secret.trim(),
    ];
    for (const text of printed) {
      const masked = redact(text);
      expect(masked, text).not.toContain('second\\line');
      expect(masked, text).not.toContain('second\\\\line');
      expect(masked, text).not.toMatch(/quoted/);
    }
  });

  it("masks blumeops' own credentials from its environment", () => {
    registerOwnCredentials({ OP_SERVICE_ACCOUNT_TOKEN: 'ops_eyJhbGciOi-service', PULUMI_CONFIG_PASSPHRASE: 'correct horse', HOME: '/root' });
    expect(redact('token ops_eyJhbGciOi-service and correct horse in /root')).toBe(`token ${MASK} and ${MASK} in /root`);
  });

  it('masks deeply in JSON-able values', () => {
    registerSecret('s3cr3t-value');
    expect(redactDeep({ a: ['x s3cr3t-value y'], b: { c: 's3cr3t-value' } })).toEqual({ a: [`x ${MASK} y`], b: { c: MASK } });
  });

  it('masks a secret split across chunks at every byte boundary', () => {
    const secret = 'tskey-abc123-XYZ';
    registerSecret(secret);
    const text = `before\nthe token is ${secret} ok\nafter ${secret}`;
    for (let cut = 1; cut < text.length; cut++) {
      expect(throughSplitter([text.slice(0, cut), text.slice(cut)])).toBe(`before\nthe token is ${MASK} ok\nafter ${MASK}`);
    }
  });
});
