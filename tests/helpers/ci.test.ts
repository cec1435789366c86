import { describe, expect, it } from 'vitest';
import { isCI } from './ci.js';

describe('isCI', () => {
  it('counts every spelling CI systems use, not only "true"', () => {
    for (const value of ['true', '1', 'yes', 'TRUE', 'woodpecker']) expect(isCI(value), value).toBe(true);
    for (const value of [undefined, '', 'false', '0', 'False']) expect(isCI(value), String(value)).toBe(false);
  });
});
