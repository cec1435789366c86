import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffResources, errorMessage, jsonDocuments, parseAppList, parseApps, pruningRequired, timedOut } from './parse.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('parseAppList', () => {
  it('reads the app list fixture, multi-source included', () => {
    const apps = parseAppList(fixture('app-list.json'));
    expect(apps.map((app) => app.metadata.name)).toEqual(['apps', 'cv', 'immich', 'grafana', 'old-app', 'manual']);
    const immich = apps.find((app) => app.metadata.name === 'immich')!;
    expect(immich.spec.sources?.[1].ref).toBe('values');
    expect(apps[0].status.resources?.find((r) => r.name === 'old-app')?.requiresPruning).toBe(true);
  });

  it('accepts [] and empty output, and fields it does not know', () => {
    expect(parseAppList('[]\n')).toEqual([]);
    expect(parseAppList('')).toEqual([]);
    expect(parseAppList('[{"metadata":{"name":"a","future":1},"newTopLevel":{}}]')[0].metadata.name).toBe('a');
  });

  it('explains output that is not an app list', () => {
    expect(() => parseAppList('FATA[0000] boom')).toThrow(/not JSON/);
    expect(() => parseAppList('[{"metadata":{}}]')).toThrow(/0\.metadata\.name/);
  });
});

describe('sync output', () => {
  it('reads the final Application of app sync -o json', () => {
    const [app] = parseApps(fixture('sync-cv.json'));
    expect(app.status.operationState?.phase).toBe('Succeeded');
    expect(app.status.operationState?.syncResult?.revision).toBe('4e9b2d1c7a6f5e3d2c1b0a9f8e7d6c5b4a3f2e1d');
  });

  it('splits concatenated documents, minding braces in strings', () => {
    const text = '{"metadata":{"name":"a","labels":{"x":"}{"}}}\n{"metadata":{"name":"b"}}';
    expect(jsonDocuments(text)).toHaveLength(2);
    expect(parseApps(text).map((app) => app.metadata.name)).toEqual(['a', 'b']);
  });
});

describe('stderr', () => {
  it('finds the pruning count, the failure and the timeout', () => {
    expect(pruningRequired(fixture('sync-pruning.stderr'))).toBe(1);
    expect(pruningRequired(fixture('sync-failed.stderr'))).toBeUndefined();
    expect(errorMessage(fixture('sync-failed.stderr'))).toBe('Operation has completed with phase: Failed');
    expect(errorMessage(fixture('wait-timeout.stderr'))).toBe('timed out (300s) waiting for app "grafana" match desired state');
    expect(timedOut(fixture('wait-timeout.stderr'))).toBe(true);
  });

  it('reads TTY and JSON log formats, else the last line', () => {
    expect(errorMessage('FATA[0000] Argo CD server address unspecified\n')).toBe('Argo CD server address unspecified');
    expect(errorMessage('{"level":"fatal","msg":"rpc error: code = PermissionDenied desc = permission denied"}')).toMatch(/PermissionDenied/);
    expect(errorMessage('first\nlast line\n')).toBe('last line');
  });
});

describe('diffResources', () => {
  it('lists the resources of app diff headers, core and namespaced', () => {
    expect(diffResources(fixture('app-diff-immich.txt'))).toEqual(['apps/Deployment immich/immich-server', '/ConfigMap immich/immich-config']);
    expect(diffResources('\n===== rbac.authorization.k8s.io/ClusterRole /viewer ======\n1d0\n< x\n')).toEqual(['rbac.authorization.k8s.io/ClusterRole /viewer']);
  });
});
