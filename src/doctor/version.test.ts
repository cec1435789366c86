import { describe, expect, it } from 'vitest';
import { compareVersions, extractVersion } from './version.js';

describe('extractVersion', () => {
  it.each([
    ['v3.230.0\n', '3.230.0'],
    ['argocd: v2.14.21+abc1234', '2.14.21'],
    ['ansible-playbook [core 2.14.18]\n  config file = None\n  python version = 3.11.2', '2.14.18'],
    ['git version 2.39.5', '2.39.5'],
    ['2.30.0', '2.30.0'],
  ])('finds the version in %j', (text, version) => {
    expect(extractVersion(text)).toBe(version);
  });

  it('gives undefined when there is none', () => {
    expect(extractVersion('version unknown')).toBeUndefined();
  });
});

describe('compareVersions', () => {
  it('compares numerically, not as text', () => {
    expect(compareVersions('3.100.0', '3.99.9')).toBeGreaterThan(0);
    expect(compareVersions('2.9.0', '2.14.0')).toBeLessThan(0);
    expect(compareVersions('2.14.0', '2.14.0')).toBe(0);
  });
});
