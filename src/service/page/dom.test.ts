import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { age, duration, short } from './dom.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe("the page's code", () => {
  it('never parses a string as HTML or code: no innerHTML, outerHTML, insertAdjacentHTML, document.write, eval or Function', () => {
    const sources = readdirSync(here).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(3);
    for (const name of sources) {
      const text = readFileSync(path.join(here, name), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(text, name).not.toMatch(/\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setAttribute\(\s*['"]on|\.srcdoc/);
    }
  });

  it('loads nothing from elsewhere: no http(s) address, no fetch beyond the event stream', () => {
    const sources = readdirSync(here).filter((name) => /\.(ts|css)$/.test(name) && !name.endsWith('.test.ts'));
    for (const name of sources) {
      const text = readFileSync(path.join(here, name), 'utf8');
      expect(text.replace('http://www.w3.org/2000/svg', ''), name).not.toMatch(/https?:\/\/|@import|url\(\s*['"]?(?!#)/);
    }
  });
});

describe('ages and durations for a person', () => {
  const now = Date.parse('2026-11-26T12:00:00.000Z');
  it('past and future, in the largest sensible unit', () => {
    expect(age('2026-11-26T11:59:48.000Z', now)).toBe('12s ago');
    expect(age('2026-11-26T12:00:48.000Z', now)).toBe('in 48s');
    expect(age('2026-11-26T11:50:00.000Z', now)).toBe('10m ago');
    expect(age('2026-11-26T09:00:00.000Z', now)).toBe('3h ago');
    expect(age('2026-11-20T12:00:00.000Z', now)).toBe('6d ago');
    expect(age('2026-11-26T12:00:00.500Z', now)).toBe('just now');
    expect(age(null, now)).toBe('');
  });

  it('durations and short commits', () => {
    expect([duration(850), duration(1234), duration(125_000), duration(null)]).toEqual(['850 ms', '1.2 s', '2 min', '']);
    expect([short('0123456789abcdef'), short(null)]).toEqual(['0123456', 'no commit']);
  });
});
