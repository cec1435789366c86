import { describe, expect, it } from 'vitest';
import { LAYER_NAME } from '../config/common.js';
import type { Candidate } from './candidate.js';
import { assignNames, sanitizeName } from './names.js';
import { proposeNeeds } from './needs.js';

const layer = (name: string, kind: Candidate['kind'], tier: Candidate['tier']): Candidate => ({ name, kind, tier, reason: '', config: {}, needs: [], notes: [], env: {}, tasks: [] });

describe('sanitizeName', () => {
  it('makes any wish a valid layer name', () => {
    expect(sanitizeName('Indri_Web.prod', 'ansible')).toBe('indri-web-prod');
    expect(sanitizeName('--Site--', 'ansible')).toBe('site');
    expect(sanitizeName('___', 'pulumi')).toBe('pulumi');
    for (const wish of ['Ümlaut host', '-x-', '9lives', 'a  b']) expect(sanitizeName(wish, 'k')).toMatch(LAYER_NAME);
  });
});

describe('assignNames', () => {
  it('keeps the first, then suffixes the kind, then a number', () => {
    const named = assignNames([layer('indri', 'pulumi', 'other'), layer('indri', 'ansible', 'hosts'), layer('Indri', 'ansible', 'hosts')]);
    expect(named.map((candidate) => candidate.name)).toEqual(['indri', 'indri-ansible', 'indri-2']);
  });
});

describe('proposeNeeds', () => {
  it('orders tailnet → hosts → Kubernetes; other projects need nothing and are not needed', () => {
    const needs = proposeNeeds([
      layer('tailnet', 'pulumi', 'tailnet'),
      layer('dns', 'pulumi', 'other'),
      layer('indri', 'ansible', 'hosts'),
      layer('gilbert', 'ansible', 'hosts'),
      layer('argocd', 'argocd', 'kubernetes'),
    ]).map((candidate) => [candidate.name, candidate.needs]);
    expect(needs).toEqual([
      ['tailnet', []],
      ['dns', []],
      ['indri', ['tailnet']],
      ['gilbert', ['tailnet']],
      ['argocd', ['indri', 'gilbert']],
    ]);
  });

  it('lets Kubernetes need the tailnet when there are no host layers', () => {
    const [, argocd] = proposeNeeds([layer('tailnet', 'pulumi', 'tailnet'), layer('argocd', 'argocd', 'kubernetes')]);
    expect(argocd.needs).toEqual(['tailnet']);
  });
});
