import { describe, expect, it } from 'vitest';
import { EngineEvent, PreviewDigest, PulumiConfig } from './schema.js';

describe('PulumiConfig', () => {
  it('takes dir and stack, and refreshes by default', () => {
    expect(PulumiConfig.parse({ dir: 'pulumi/tailscale', stack: 'tail8d86e' })).toEqual({ dir: 'pulumi/tailscale', stack: 'tail8d86e', refresh: true });
    expect(PulumiConfig.parse({ dir: 'pulumi/dns', stack: 'org/dns/prod', refresh: false }).refresh).toBe(false);
  });

  it('rejects unknown keys (a typo is an error, not ignored)', () => {
    const result = PulumiConfig.safeParse({ dir: 'pulumi/tailscale', stack: 'tail8d86e', stak: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['stak'] });
  });

  it('requires dir and stack, as non-empty strings', () => {
    const missing = PulumiConfig.safeParse({ refresh: true });
    expect(missing.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['dir', 'stack']);
    expect(PulumiConfig.safeParse({ dir: '', stack: 'tail8d86e' }).error?.issues[0].message).toMatch(/pulumi\/tailscale/);
    expect(PulumiConfig.safeParse({ dir: 'pulumi/tailscale', stack: 'tail8d86e', refresh: 'yes' }).success).toBe(false);
  });

  it('does not know the common keys: the engine strips them first', () => {
    expect(PulumiConfig.safeParse({ dir: 'd', stack: 's', kind: 'pulumi' }).success).toBe(false);
  });
});

describe('pulumi output schemas', () => {
  it('accept fields and payloads they do not read', () => {
    const digest = PreviewDigest.parse({ steps: [{ op: 'create', urn: 'urn:pulumi:s::p::t::n', newThing: 1, detailedDiff: null }], policyPacks: {} });
    expect(digest.steps?.[0].op).toBe('create');
    expect(EngineEvent.safeParse({ sequence: 3, timestamp: 1, policyEvent: { message: 'x' } }).success).toBe(true);
    expect(EngineEvent.safeParse({ sequence: 4, timestamp: 1, progressEvent: {}, somethingNew: [1] }).success).toBe(true);
  });

  it('read the event detailedDiff spelling (diffKind) as well as the digest one (kind)', () => {
    const event = EngineEvent.parse({ resOutputsEvent: { metadata: { op: 'update', urn: 'u', detailedDiff: { acl: { diffKind: 'update', inputDiff: true } } } } });
    expect(event.resOutputsEvent?.metadata.detailedDiff?.acl.diffKind).toBe('update');
  });
});
