import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BlumeopsError } from '../../src/errors.js';
import { callbackDir } from './callback.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const expected = path.join(root, 'layers', 'ansible', 'callback');

describe('callbackDir', () => {
  it('finds the plugin from source', () => {
    expect(callbackDir()).toBe(expected);
    expect(existsSync(path.join(expected, 'blumeops_events.py'))).toBe(true);
  });

  it('finds it from the build (dist/layers/ansible/*.js)', () => {
    const built = new URL(`file://${path.join(root, 'dist', 'layers', 'ansible', 'callback.js')}`);
    expect(callbackDir(built)).toBe(expected);
  });

  it('says so when there is no package around', () => {
    expect(() => callbackDir(new URL('file:///nowhere/layers/ansible/callback.js'))).toThrow(BlumeopsError);
  });
});
