/**
 * Shared by the service cases: a homelab of N pulumi layers and one argocd layer with APPS apps, with
 * replayed tools (`exec cat` of output recorded once from the emulators), and `watch --listen` on it.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, NODE, benchEnv, tempDir } from '../lib/env.mjs';
import { initEmulatorStacks, makeRepo } from '../lib/repo.mjs';
import { replayBin } from './big-preview.mjs';
import { timed } from '../lib/measure.mjs';
import { tailnetProgram } from './plan-overhead.mjs';

const REPO_URL = 'https://git.example/homelab.git';
const appName = (i) => `app-${String(i).padStart(4, '0')}`;
const spec = (name) => ({ project: 'default', source: { repoURL: REPO_URL, path: `k8s/${name}`, targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: name } });
const manifest = (name) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: argocd\nspec:\n  project: default\n  source:\n    repoURL: ${REPO_URL}\n    path: k8s/${name}\n    targetRevision: main\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: ${name}\n`;

/**
 * `pulumiLayers` pulumi layers (layer-01 needs nothing, the others need the one before in tens) and,
 * when `apps` > 0, an argocd layer with that many Applications in Git and live (1 % out of sync).
 * Returns the repo and the environment whose `pulumi` and `argocd` replay recorded output.
 */
export async function serviceWorld({ pulumiLayers, apps }) {
  const layers = [];
  const files = {};
  for (let i = 1; i <= pulumiLayers; i++) {
    const name = `layer-${String(i).padStart(2, '0')}`;
    const needs = i > 1 && i % 10 !== 1 ? `\n    needs: [layer-${String(i - 1).padStart(2, '0')}]` : '';
    layers.push(`  ${name}:\n    kind: pulumi\n    dir: pulumi/${name}\n    stack: tail8d86e\n    refresh: false${needs}`);
    files[`pulumi/${name}/Pulumi.yaml`] = tailnetProgram(name);
    files[`pulumi/${name}/Pulumi.tail8d86e.yaml`] = 'config: {}\n';
  }
  if (apps > 0) {
    layers.push('  argocd:\n    kind: argocd\n    apps: argocd/apps\n    root: apps\n    server: argocd.example:443\n    needs: [layer-01]');
    for (let i = 1; i <= apps; i++) files[`argocd/apps/${appName(i)}.yaml`] = manifest(appName(i));
  }
  files['blumeops.yaml'] = `version: 1\nlayers:\n${layers.join('\n')}\n`;
  const repo = makeRepo('service', files);
  const work = tempDir('service-tools');
  const bins = [];

  const digest = path.join(work, 'preview.json');
  initEmulatorStacks(path.join(work, 'pulumi.json'), { tail8d86e: 'layer-01' });
  await timed('pulumi', ['preview', '--json', '--non-interactive', '--stack', 'tail8d86e'], { cwd: path.join(repo, 'pulumi/layer-01'), env: benchEnv({ PULUMI_EMULATOR_STATE: path.join(work, 'pulumi.json') }), stdout: digest });
  bins.push(replayBin('pulumi', digest));
  if (apps > 0) {
    const live = [{ metadata: { name: 'apps', namespace: 'argocd' }, spec: spec('apps'), status: { sync: { status: 'Synced' }, health: { status: 'Healthy' }, resources: [] } }];
    for (let i = 1; i <= apps; i++) {
      const name = appName(i);
      const outOfSync = i % 100 === 2;
      live.push({
        metadata: { name, namespace: 'argocd', labels: { 'app.kubernetes.io/instance': 'apps' } },
        spec: spec(name),
        status: { sync: { status: outOfSync ? 'OutOfSync' : 'Synced', revision: 'a'.repeat(40) }, health: { status: 'Healthy' }, resources: [{ group: 'apps', version: 'v1', kind: 'Deployment', namespace: name, name, status: outOfSync ? 'OutOfSync' : 'Synced', health: { status: 'Healthy' } }] },
      });
    }
    const state = path.join(work, 'argocd.json');
    writeFileSync(state, JSON.stringify({ server: 'argocd.example:443', token: 'bench', roots: { apps: { appsDir: path.join(repo, 'argocd/apps') } }, apps: live, pending: {} }));
    const list = path.join(work, 'app-list.json');
    await timed('argocd', ['app', 'list', '-o', 'json', '--server', 'argocd.example:443'], { cwd: repo, env: benchEnv({ ARGOCD_EMULATOR_STATE: state }), stdout: list });
    bins.push(replayBin('argocd', list));
  }
  return { repo, env: benchEnv({}, bins) };
}

/**
 * Starts `blumeops watch --listen 127.0.0.1:0` in `repo` (without --listen when `listen` is false);
 * resolves once it serves (or, without --listen, once it watches), with its pid and URL.
 */
export function startWatch(repo, env, args, { listen = true } = {}) {
  const child = spawn(NODE, [BIN, 'watch', ...(listen ? ['--listen', '127.0.0.1:0'] : []), ...args], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk) => (output.stdout = (output.stdout + chunk).slice(-200_000)));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (output.stderr = (output.stderr + chunk).slice(-20_000)));
  const exited = new Promise((resolve) => child.on('close', resolve));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const url = listen ? /serving the status page on (http:\S+\/)/.exec(output.stdout)?.[1] : /watching every/.test(output.stdout) && undefined;
      if (url || (!listen && /watching every/.test(output.stdout))) {
        clearInterval(timer);
        resolve({ url, pid: child.pid, output, stop: () => (child.kill('SIGINT'), exited) });
      }
    }, 20);
    child.on('close', (code) => {
      clearInterval(timer);
      reject(new Error(`watch exited ${code}: ${output.stderr.slice(-2000)}`));
    });
  });
}

/** Waits until `predicate()` holds, polling. */
export async function until(predicate, timeoutMs, what) {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
