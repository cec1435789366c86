import { describe, expect, it } from 'vitest';
import type { Change } from '../reconciler.js';
import type { LayerOutcome } from './outcome.js';
import { exitCodeFor } from './request.js';

const CHANGE: Change = { action: 'update', target: 'acl', summary: 'acl' };

function outcome(status: LayerOutcome['status'], changes: Change[] = []): LayerOutcome {
  return { name: 'tailnet', kind: 'pulumi', status, summary: { create: 0, update: changes.length, delete: 0, replace: 0, sync: 0 }, changes, warnings: [], notes: [], incomplete: false, error: null, durationMs: 1 };
}

const report = (...outcomes: LayerOutcome[]) => ({ outcomes, problems: [], interrupted: false });

describe('exitCodeFor', () => {
  it('a plan with changes: 2 only with --detailed-exitcode', () => {
    expect(exitCodeFor(report(outcome('changes', [CHANGE])), true, 'planned')).toBe(2);
    expect(exitCodeFor(report(outcome('changes', [CHANGE])), false, 'planned')).toBe(0);
    expect(exitCodeFor(report(outcome('in-sync')), true, 'planned')).toBe(0);
  });

  it('an apply: 2 when it applied changes; a declined apply (its plan had changes) applied nothing: 0', () => {
    expect(exitCodeFor(report(outcome('applied', [CHANGE])), true, 'applied')).toBe(2);
    expect(exitCodeFor(report(outcome('changes', [CHANGE])), true, 'applied')).toBe(0);
    expect(exitCodeFor(report(outcome('applied')), true, 'applied')).toBe(0);
  });

  it('an interruption wins over a failure, a failure over changes', () => {
    expect(exitCodeFor({ ...report(outcome('failed'), outcome('applied', [CHANGE])), interrupted: true }, true, 'applied')).toBe(130);
    expect(exitCodeFor(report(outcome('failed'), outcome('applied', [CHANGE])), true, 'applied')).toBe(1);
    expect(exitCodeFor({ ...report(outcome('applied', [CHANGE])), problems: ['could not write the ledger for tailnet'] }, true, 'applied')).toBe(1);
  });
});
