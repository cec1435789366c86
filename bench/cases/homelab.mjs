/**
 * whole homelab: `blumeops plan` of examples/homelab (tailnet: pulumi emulator taking 2 s; indri: real
 * ansible-playbook against localhost; argocd: emulator taking 1 s, its root seeded), against the
 * same tool calls (read back from the run logs) run one after another with the env blumeops gives
 * them. Target: blumeops within 0.3 s of its slowest layer's tool calls.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, NODE, ROOT, TOOL_ENV, benchEnv, tempDir } from '../lib/env.mjs';
import { concurrently, median, sample, sequence, stats, timed } from '../lib/measure.mjs';
import { initEmulatorStacks, loggedCalls, makeRepo } from '../lib/repo.mjs';
import { fmtMs, row } from '../lib/rows.mjs';

export const name = 'homelab';
export const title = 'blumeops plan of examples/homelab vs its tool calls in sequence';
export const target = '≤ max(layer) + 0.3 s';
const SLACK_MS = 300;
const TOKEN = 'bench-argocd-token';
const TOOLS = new Set(Object.keys(TOOL_ENV));

/**
 * Secrets and server from the example's blumeops.yaml (read as text: bench/ uses no packages): every
 * `NAME: op://…` gets a value in the op vault, and the same NAME=value goes to the direct tool calls.
 */
function exampleSecrets(configText) {
  const vault = {};
  const env = {};
  for (const [, name, vaultName, item, field] of configText.matchAll(/^\s*([A-Z][A-Z0-9_]*):\s*op:\/\/([^/\n]+)\/([^/\n]+)\/([^\n#]+?)\s*(?:#.*)?$/gm)) {
    const value = name === 'ARGOCD_AUTH_TOKEN' ? TOKEN : `bench-${name.toLowerCase()}`;
    ((vault[vaultName] ??= {})[item] ??= {})[field] = value;
    env[name] = value;
  }
  return { vault, env, server: /^\s+server:\s*(\S+)/m.exec(configText)?.[1] };
}

/** The ArgoCD "server": the root app `apps` exists (as created once by hand), its children do not yet. */
function argocdState(repo, server, token) {
  const source = { repoURL: 'https://forge.example/erich/homelab.git', path: 'argocd/apps', targetRevision: 'main' };
  const root = {
    metadata: { name: 'apps', namespace: 'argocd' },
    spec: { project: 'default', source, destination: { server: 'https://kubernetes.default.svc', namespace: 'argocd' }, syncPolicy: {} },
    status: { sync: { status: 'OutOfSync', revision: '0'.repeat(40) }, health: { status: 'Healthy' }, resources: [] },
  };
  return { server, requiredToken: token ?? null, token: token ? undefined : 'bench', user: 'admin', roots: { apps: { appsDir: path.join(repo, 'argocd/apps') } }, apps: [root], pending: {} };
}

export async function run({ runs, log }) {
  const repo = makeRepo('homelab', {}, { from: path.join(ROOT, 'examples/homelab') });
  const state = tempDir('homelab-state');
  const file = (name) => path.join(state, name);
  const secrets = exampleSecrets(readFileSync(path.join(repo, 'blumeops.yaml'), 'utf8'));
  writeFileSync(file('argocd.json'), JSON.stringify(argocdState(repo, secrets.server ?? 'argocd.example:443', secrets.env.ARGOCD_AUTH_TOKEN)));
  writeFileSync(file('vault.json'), JSON.stringify({ signedIn: true, vaults: secrets.vault }));
  initEmulatorStacks(file('pulumi.json'), { tail8d86e: 'blumeops-tailnet' });
  const env = benchEnv({
    PULUMI_EMULATOR_STATE: file('pulumi.json'),
    ARGOCD_EMULATOR_STATE: file('argocd.json'),
    OP_EMULATOR_VAULT: file('vault.json'),
    PULUMI_EMULATOR_DELAY_MS: '2000',
    ARGOCD_EMULATOR_DELAY_MS: '1000',
  });
  const blumeops = () => timed(NODE, [BIN, 'plan', '--json'], { cwd: repo, env, stdout: file('plan.json') });

  await blumeops();
  const layers = Object.entries(loggedCalls(repo)).map(([layer, calls]) => [layer, calls.filter((call) => TOOLS.has(call.tool))]);
  for (const [layer, calls] of layers) for (const call of calls) log(`  ${layer}: ${call.tool} ${call.args.join(' ')}`);
  const direct = (call) => () => timed(call.tool, call.args, { cwd: call.cwd, env: { ...env, ...secrets.env, ...TOOL_ENV[call.tool] }, stdout: file(`direct-${call.tool}.out`) });
  const inSequence = async () => {
    const perLayer = {};
    const total = await sequence(layers.map(([layer, calls]) => async () => {
      const result = await sequence(calls.map(direct));
      perLayer[layer] = result.ms;
      return result;
    }));
    return { ...total, perLayer };
  };

  // Not a target: each layer's calls in sequence, the layers at once, no orchestrator (CPU contention on this machine).
  const allAtOnce = () => concurrently(layers.map(([, calls]) => () => sequence(calls.map(direct))));

  const results = await sample({ blumeops, 'in sequence': inSequence, 'layers at once': allAtOnce }, runs, log);
  const layerMs = Object.fromEntries(layers.map(([layer]) => [layer, median(results['in sequence'].map((r) => r.perLayer[layer]))]));
  const [slowest, slowestMs] = Object.entries(layerMs).sort((a, b) => b[1] - a[1])[0];
  const ours = stats(results.blumeops);
  const over = ours.ms - slowestMs;
  const layerText = Object.entries(layerMs).map(([layer, ms]) => `${layer} ${fmtMs(ms)}`).join(', ');
  return [row({
    label: 'whole homelab',
    ours,
    base: stats(results['in sequence']),
    measured: `${over >= 0 ? '+' : ''}${Math.round(over)} ms over ${slowest}`,
    target,
    met: over <= SLACK_MS,
    notes: [`layer tool time alone (median): ${layerText}; the layers' tools started at once without blumeops: ${fmtMs(stats(results['layers at once']).ms)}`],
    extra: { layerMs: Object.fromEntries(Object.entries(layerMs).map(([k, v]) => [k, Math.round(v)])) },
  })];
}
