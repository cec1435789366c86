import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { it } from 'vitest';
import { ToolError } from '../../src/errors.js';
import type { LayerContext, RunResult } from '../../src/reconciler.js';
import { apply } from './apply.js';
import { plan } from './plan.js';
import { ArgocdConfig } from './schema.js';

const REPO = 'https://forge.example/eblume/blumeops.git';
const app = (name: string, path: string, ns = name) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: argocd\nspec:\n  project: default\n  source:\n    repoURL: ${REPO}\n    path: ${path}\n    targetRevision: main\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: ${ns}\n`;

it('smoke against the emulator', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'smoke-'));
  mkdirSync(join(dir, 'argocd/apps'), { recursive: true });
  writeFileSync(join(dir, 'argocd/apps/apps.yaml'), app('apps', 'argocd/apps', 'argocd'));
  writeFileSync(join(dir, 'argocd/apps/cv.yaml'), app('cv', 'argocd/manifests/cv'));
  writeFileSync(join(dir, 'argocd/apps/web.yaml'), app('web', 'argocd/manifests/web'));
  const state = join(dir, 'state.json');
  const live = (name: string, path: string, ns: string, sync = 'Synced') => ({
    metadata: { name, namespace: 'argocd', labels: name === 'apps' ? {} : { 'app.kubernetes.io/instance': 'apps' } },
    spec: { project: 'default', source: { repoURL: REPO, path, targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: ns } },
    status: { sync: { status: sync }, health: { status: 'Healthy' }, resources: [] },
  });
  writeFileSync(state, JSON.stringify({ server: 'argocd.example:443', token: 't', revision: 'a'.repeat(40), roots: { apps: { appsDir: join(dir, 'argocd/apps') } },
    apps: [live('apps', 'argocd/apps', 'argocd', 'OutOfSync'), live('cv', 'argocd/manifests/cv', 'old-ns'), live('old', 'argocd/manifests/old', 'old')] }));
  const env = { ...process.env, PATH: `${resolve('tests/emulators/argocd')}:${process.env.PATH}`, ARGOCD_EMULATOR_STATE: state, ARGOCD_AUTH_TOKEN: 't' };
  const log: string[] = [];
  const run = (tool: string, args: string[], options: { okExitCodes?: number[] } = {}) => new Promise<RunResult>((done, fail) => {
    if (tool === 'git') return done({ command: 'git', logPath: '', exitCode: 0, stdout: '', stderr: '' });
    execFile(tool, args, { env }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      log.push(`${tool} ${args.join(' ')} → ${exitCode}${stderr ? ` ${stderr.trim()}` : ''}`);
      if (exitCode !== 0 && !(options.okExitCodes ?? []).includes(exitCode)) return fail(new ToolError({ tool, message: stderr, exitCode, tail: stderr }));
      done({ command: tool, logPath: '', exitCode, stdout, stderr });
    });
  });
  const ctx = (over: Partial<LayerContext<ArgocdConfig>> = {}): LayerContext<ArgocdConfig> => ({
    name: 'argocd', config: ArgocdConfig.parse({ apps: 'argocd/apps', root: 'apps', waitTimeout: '10s' }), dir, repoRoot: dir, commit: null,
    extraArgs: [], targets: [], options: {}, verbose: true, signal: new AbortController().signal, run, emit: () => {}, ...over,
  });
  const first = await plan(ctx());
  console.log('PLAN1', JSON.stringify(first, null, 1));
  const applied = await apply(ctx(), first);
  console.log('APPLY', JSON.stringify(applied, null, 1));
  const second = await plan(ctx());
  console.log('PLAN2', JSON.stringify({ changes: second.changes, warnings: second.warnings }, null, 1));
  const branch = await plan(ctx({ targets: ['cv'], options: { revision: 'my-branch' } }));
  await apply(ctx({ targets: ['cv'], options: { revision: 'my-branch' } }), branch);
  const third = await plan(ctx());
  console.log('PLAN3', JSON.stringify({ changes: third.changes, warnings: third.warnings }, null, 1));
  console.log(log.join('\n'));
});
