import { describe, expect, it } from 'vitest';
import { revisionPlan } from './revision.js';
import { LiveApp } from './schema.js';

const REPO = 'https://forge.ops.eblu.me/eblume/blumeops.git';
const app = (name: string, spec: Record<string, unknown>) =>
  LiveApp.parse({ metadata: { name }, spec: { project: 'default', destination: { name: 'in-cluster' }, ...spec } });

describe('revisionPlan', () => {
  it('picks the only Git source of a multi-source app, else the infra repo one', () => {
    const chartPlusValues = app('immich', { sources: [{ repoURL: 'https://charts.example', chart: 'immich', targetRevision: '0.9.3' }, { repoURL: REPO, ref: 'values', targetRevision: 'main' }] });
    const twoGit = app('docs', { sources: [{ repoURL: 'https://github.com/x/theme.git', path: 'theme' }, { repoURL: REPO, path: 'docs' }] });
    const { targets } = revisionPlan(['immich', 'docs'], [chartPlusValues, twoGit], 'my-branch', { remoteUrl: 'forge.ops.eblu.me/eblume/blumeops' });
    expect(targets).toEqual([
      { name: 'immich', sourcePosition: 2, previous: 'main', automated: false },
      { name: 'docs', sourcePosition: 2, previous: 'HEAD', automated: false },
    ]);
    expect(() => revisionPlan(['docs'], [twoGit], 'my-branch')).toThrow(/docs has 2 sources; cannot tell which one/);
  });

  it('needs live apps', () => {
    expect(() => revisionPlan(['new'], [], 'my-branch')).toThrow(/new is not in ArgoCD yet/);
  });
});
