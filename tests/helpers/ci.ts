import { isCi } from '../../src/output/terminal.js';

/**
 * Whether the tests run under CI, by blumeops' own rule (src/output/terminal.ts): any CI value but empty,
 * `0` and `false`, so that no assertion quietly disappears on a CI that spells it `1` or its own name.
 */
export const IN_CI = isCi(process.env.CI);

/** A test that needs something missing here is skipped locally (its title says why), and fails under CI. */
export function skipUnlessCI(missing: boolean): boolean {
  return missing && !IN_CI;
}
