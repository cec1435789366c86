/**
 * Whether the tests run under CI. CI systems set CI to `true`, `1`, `yes` or their own name: any value
 * counts except empty, `false` and `0`, so that no assertion quietly disappears on a CI that spells it
 * differently.
 */
export const IN_CI = isCI(process.env.CI);

export function isCI(value: string | undefined): boolean {
  return value !== undefined && !['', 'false', '0'].includes(value.trim().toLowerCase());
}

/** A test that needs something missing here is skipped locally (its title says why), and fails under CI. */
export function skipUnlessCI(missing: boolean): boolean {
  return missing && !IN_CI;
}
