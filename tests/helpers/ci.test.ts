import { describe, expect, it } from 'vitest';
import { isCi } from '../../src/output/terminal.js';

// The rule tests/helpers/ci.ts skips by: checked here so a narrower rule cannot hide tests again.
describe('what counts as CI', () => {
  it('every spelling CI systems use, not only "true"', () => {
    for (const value of ['true', '1', 'yes', 'TRUE', 'woodpecker']) expect(isCi(value), value).toBe(true);
    for (const value of [undefined, '', 'false', '0', 'False']) expect(isCi(value), String(value)).toBe(false);
  });
});
