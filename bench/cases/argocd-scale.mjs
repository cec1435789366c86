/**
 * ArgoCD scale: `blumeops plan --json` of an argocd layer with 2,000 Applications in Git and ~2,000
 * live (1,920 in sync, 20 changed, 20 out of sync, 20 not yet created, 20 orphans). The plan's
 * `argocd` is a replay (`exec cat` of the emulator's own `app list -o json`, recorded once), so
 * time and peak RSS are blumeops' own; the emulator's `app list` is timed separately (baseline
 * column) and blumeops end to end with the emulator is given in a note.
 */
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, NODE, benchEnv, tempDir } from '../lib/env.mjs';
import { sample, stats, timed } from '../lib/measure.mjs';
import { makeRepo } from '../lib/repo.mjs';
import { fmtMs, row, rssCheck } from '../lib/rows.mjs';
import { replayBin } from './big-preview.mjs';

export const name = 'argocd-scale';
export const title = 'plan of 2,000 Applications (Git and live)';
export const target = '≤ 1.5 s, peak RSS ≤ 250 MB';
const MAX_MS = 1500;
const MAX_MB = 250;
const APPS = 2000;
const REPO_URL = 'https://git.example/homelab.git';
const app = (i) => `app-${String(i).padStart(4, '0')}`;
const spec = (name, revision = 'main') => ({
  project: 'default',
  source: { repoURL: REPO_URL, path: `k8s/${name}`, targetRevision: revision },
  destination: { server: 'https://kubernetes.default.svc', namespace: name },
});
const manifest = (name) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: argocd
spec:
  project: default
  source:
    repoURL: ${REPO_URL}
    path: k8s/${name}
    targetRevision: main
  destination:
    server: https://kubernetes.default.svc
    namespace: ${name}
`;

function live(name, i) {
  const changed = i % 100 === 1;
  const outOfSync = i % 100 === 2;
  return {
    metadata: { name, namespace: 'argocd', labels: { 'app.kubernetes.io/instance': 'apps' } },
    spec: spec(name, changed ? 'v1.2.3' : 'main'),
    status: {
      sync: { status: outOfSync ? 'OutOfSync' : 'Synced', revision: 'a'.repeat(40) },
      health: { status: 'Healthy' },
      resources: [{ group: 'apps', version: 'v1', kind: 'Deployment', namespace: name, name, status: outOfSync ? 'OutOfSync' : 'Synced', health: { status: 'Healthy' } }],
    },
  };
}

function setup() {
  const files = { 'blumeops.yaml': 'version: 1\nlayers:\n  argocd:\n    kind: argocd\n    apps: argocd/apps\n    root: apps\n    server: argocd.example:443\n' };
  for (let i = 1; i <= APPS; i++) files[`argocd/apps/${app(i)}.yaml`] = manifest(app(i));
  const repo = makeRepo('argocd-scale', files);
  const apps = [{ metadata: { name: 'apps', namespace: 'argocd' }, spec: spec('apps'), status: { sync: { status: 'Synced' }, health: { status: 'Healthy' }, resources: [] } }];
  for (let i = 1; i <= APPS; i++) if (i % 100 !== 3) apps.push(live(app(i), i)); // 20 not created yet
  for (let i = 1; i <= APPS / 100; i++) apps.push(live(`gone-${i}`, 0)); // 20 orphans: tracked by the root, gone from Git
  const work = tempDir('argocd-scale-state');
  const state = path.join(work, 'argocd.json');
  writeFileSync(state, JSON.stringify({ server: 'argocd.example:443', token: 'bench', roots: { apps: { appsDir: path.join(repo, 'argocd/apps') } }, apps, pending: {} }));
  return { repo, work, state };
}

export async function run({ runs, log }) {
  const { repo, work, state } = setup();
  const emulatorEnv = benchEnv({ ARGOCD_EMULATOR_STATE: state });
  const listed = path.join(work, 'app-list.json');
  const emulator = () => timed('argocd', ['app', 'list', '-o', 'json', '--server', 'argocd.example:443'], { cwd: repo, env: emulatorEnv, stdout: listed });
  await emulator();
  log(`  recorded app list: ${(statSync(listed).size / 1e6).toFixed(1)} MB`);
  const replayEnv = benchEnv({}, [replayBin('argocd', listed)]);
  const out = path.join(work, 'plan.json');
  const plan = (env) => () => timed(NODE, [BIN, 'plan', '--json'], { cwd: repo, env, stdout: out });

  const results = await sample({ blumeops: plan(replayEnv), 'argocd app list': emulator, 'end to end': plan(emulatorEnv) }, runs, log);
  const ours = stats(results.blumeops);
  const rss = rssCheck(ours, MAX_MB);
  return [row({
    label: `ArgoCD scale (${APPS} apps)`,
    ours,
    base: stats(results['argocd app list']),
    measured: `${fmtMs(ours.ms)}, ${rss.text}`,
    target,
    met: ours.ms <= MAX_MS && rss.met,
    notes: [`baseline = the emulator's own \`argocd app list -o json\`; blumeops end to end with the emulator: ${fmtMs(stats(results['end to end']).ms)}`],
  })];
}
