import { describe, expect, it } from 'vitest';
import { repoView } from '../../src/detect/repo-view.js';
import { readTaskScript } from '../../src/detect/task-script.js';
import { adoptArgocdTask, scanArgocd } from './detect.js';

const view = (files: Record<string, string>) => repoView(Object.keys(files), (file) => files[file]);

const app = (name: string, appPath: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
spec:
  project: default
  source: { repoURL: https://example.invalid/infra.git, path: ${appPath}, targetRevision: main }
  destination: { server: https://kubernetes.default.svc, namespace: ${name} }
`;

describe('scanArgocd', () => {
  it('makes one layer per folder, skips a bootstrap folder, and finds a root elsewhere', () => {
    const { layers, skipped } = scanArgocd(
      view({
        'k8s/bootstrap/root.yaml': `${app('apps', 'k8s/apps')}---\n${app('infra', 'k8s/infra')}`,
        'k8s/apps/cv.yaml': app('cv', 'charts/cv'),
        'k8s/infra/cert-manager.yaml': app('cert-manager', 'charts/cert-manager'),
        'k8s/other/plain.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n',
        'k8s/broken/app.yaml': 'kind: Application\napiVersion: argoproj.io/v1alpha1\nmetadata: { name: {{ .Values.name }} }\n',
      }),
    );
    expect(layers.map((layer) => [layer.name, layer.config])).toEqual([
      ['argocd-apps', { apps: 'k8s/apps', root: 'apps' }],
      ['argocd-infra', { apps: 'k8s/infra', root: 'infra' }],
    ]);
    expect(layers[0].reason).toContain('manifest in k8s/bootstrap');
    expect(skipped).toEqual([{ path: 'k8s/bootstrap', reason: expect.stringContaining('only the root app(s) apps, infra') }]);
  });

  it('says when an apps folder has no root', () => {
    const { layers } = scanArgocd(view({ 'argocd/cv.yaml': app('cv', 'charts/cv') }));
    expect(layers[0]).toMatchObject({ name: 'argocd', config: { apps: 'argocd' } });
    expect(layers[0].reason).toContain('no root app');
  });
});

describe('adoptArgocdTask', () => {
  it('a sync of the root drives the layer; a sync of apps names them as targets', () => {
    const repo = view({ 'argocd/apps/apps.yaml': app('apps', 'argocd/apps'), 'argocd/apps/cv.yaml': app('cv', 'charts/cv') });
    const { layers } = scanArgocd(repo);
    const task = (text: string) => readTaskScript(text, { name: 't', source: 'toml', file: 'mise.toml', dir: '.', scriptDir: '.' });
    expect(adoptArgocdTask(task('argocd app sync apps --grpc-web'), layers, repo)).toMatchObject({ layer: layers[0], verb: 'apply', targets: [], config: { grpcWeb: true } });
    expect(adoptArgocdTask(task('argocd app diff cv'), layers, repo)).toMatchObject({ verb: 'plan', targets: ['cv'] });
    expect(adoptArgocdTask(task('argocd app sync unknown'), layers, repo)).toBeUndefined();
  });
});
