import { describe, expect, it } from 'vitest';
import type { StatusLayer } from '../status-schema.js';
import { backoff, newsSince, type Seen } from './news.js';

function row(name: string, state: StatusLayer['state'], detail = '', autoSync: StatusLayer['autoSync'] = []): StatusLayer {
  return { name, kind: 'pulumi', state, detail, reason: null, hint: null, lastApply: null, commitsSince: [], drift: { checked: true, status: null, summary: null, warnings: [], error: null }, autoSync };
}

const unit = (state: StatusLayer['autoSync'][number]['state'], summary: string) => ({ target: 'cv', state, summary, mode: 'automated' });

describe('watch news', () => {
  it('stays quiet while the tool converges by itself, and says so once when its auto-sync fails', () => {
    const seen: Seen = new Map();
    expect(newsSince(seen, [row('argocd', 'in-sync', '', [unit('in-sync', 'cv: in sync')])], [])).toEqual([]);
    expect(newsSince(seen, [row('argocd', 'in-sync', '', [unit('converging', 'cv: converging')])], [])).toEqual([]);
    expect(newsSince(seen, [row('argocd', 'in-sync', '', [unit('in-sync', 'cv: in sync')])], [])).toEqual([]);
    const failing = row('argocd', 'drifted', 'auto-sync failing: cv: auto-sync failed', [unit('failing', 'cv: auto-sync failed')]);
    const news = newsSince(seen, [failing], []);
    expect(news.map((item) => [item.title, item.priority])).toEqual([['blumeops: argocd auto-sync failing', 4]]);
    expect(news[0].body).toContain('cv: auto-sync failed');
    expect(newsSince(seen, [failing], [])).toEqual([]);
  });

  it('says each piece of news once: new drift, drift resolved, applies', () => {
    const seen: Seen = new Map();
    expect(newsSince(seen, [row('tailnet', 'in-sync'), row('indri', 'in-sync')], []).map((news) => news.title)).toEqual([]);
    expect(newsSince(seen, [row('tailnet', 'drifted', 'live differs: 1 to update'), row('indri', 'in-sync')], []).map((news) => news.title)).toEqual(['blumeops: tailnet drifted']);
    expect(newsSince(seen, [row('tailnet', 'drifted', 'live differs: 1 to update'), row('indri', 'in-sync')], [])).toEqual([]);
    const next = newsSince(seen, [row('tailnet', 'in-sync'), row('indri', 'error', 'boom')], [{ layer: 'tailnet', ok: true, detail: '' }]);
    expect(next.map((news) => [news.title, news.priority])).toEqual([
      ['blumeops: tailnet applied', 3],
      ['blumeops: tailnet back in sync', 2],
      ['blumeops: indri error', 5],
    ]);
  });

  it('backs off by doubling, at most an hour', () => {
    expect([0, 1, 2, 3].map((errors) => backoff(60_000, errors))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoff(600_000, 10)).toBe(3_600_000);
  });
});
