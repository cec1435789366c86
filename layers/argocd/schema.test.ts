import { describe, expect, it } from 'vitest';
import { ArgocdConfig } from './schema.js';

describe('ArgocdConfig', () => {
  it('fills the defaults', () => {
    expect(ArgocdConfig.parse({ apps: 'argocd/apps', root: 'apps' })).toEqual({
      apps: 'argocd/apps', root: 'apps', prune: false, wait: true, waitTimeout: '5m', concurrency: 4, autoSyncGrace: '5m',
    });
  });

  it('takes the connection keys', () => {
    const config = ArgocdConfig.parse({ apps: 'a', server: 'argocd.ops.eblu.me:443', grpcWeb: true });
    expect(config).toMatchObject({ server: 'argocd.ops.eblu.me:443', grpcWeb: true });
  });

  it('rejects unknown keys, a missing apps folder, bad durations and core with a server', () => {
    const issues = (input: unknown) => ArgocdConfig.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.code}`);
    expect(issues({ apps: 'a', prunne: true })).toEqual([': unrecognized_keys']);
    expect(issues({ root: 'apps' })).toEqual(['apps: invalid_type']);
    expect(issues({ apps: 'a', waitTimeout: '5 minutes' })).toEqual(['waitTimeout: custom']);
    expect(issues({ apps: 'a', concurrency: 0 })).toEqual(['concurrency: too_small']);
    expect(issues({ apps: 'a', core: true, server: 'x:443' })).toEqual(['server: custom']);
    expect(issues({ apps: 'a', token: 'secret' })).toEqual([': unrecognized_keys']);
  });
});
