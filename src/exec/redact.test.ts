import { afterEach, describe, expect, it } from 'vitest';
import { LineRedactor, MASK, redact, redactDeep, registerSecret, resetSecretsForTests } from './redact.js';

afterEach(resetSecretsForTests);

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

  it('masks deeply in JSON-able values', () => {
    registerSecret('s3cr3t-value');
    expect(redactDeep({ a: ['x s3cr3t-value y'], b: { c: 's3cr3t-value' } })).toEqual({ a: [`x ${MASK} y`], b: { c: MASK } });
  });

  it('masks a secret split across chunks at every byte boundary', () => {
    const secret = 'tskey-abc123-XYZ';
    registerSecret(secret);
    const text = `before\nthe token is ${secret} ok\nafter ${secret}`;
    for (let cut = 1; cut < text.length; cut++) {
      const lines: string[] = [];
      const splitter = new LineRedactor((block) => lines.push(...block.split("\n")));
      splitter.push(text.slice(0, cut));
      splitter.push(text.slice(cut));
      splitter.end();
      expect(lines.join('\n')).not.toContain(secret);
      expect(lines).toEqual(['before', `the token is ${MASK} ok`, `after ${MASK}`]);
    }
  });
});
