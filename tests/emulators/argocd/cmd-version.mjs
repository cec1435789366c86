// `argocd version [--client] [-o json|yaml|short|wide] [--short]`. --client needs no server.
import { checkOutput, out, printJson, printYaml } from './output.mjs';
import { version } from './knobs.mjs';
import { openApi } from './session.mjs';

function info(v) {
  const commit = v.split('+')[1] ?? '0000000';
  return {
    Version: v, BuildDate: '2025-06-01T00:00:00Z', GitCommit: `${commit}${'0'.repeat(Math.max(0, 40 - commit.length))}`,
    GitTreeState: 'clean', GitTag: v.split('+')[0], GoVersion: 'go1.23.6', Compiler: 'gc', Platform: 'linux/amd64',
  };
}

function wide(label, i) {
  return `${label}: ${i.Version}\n` + ['BuildDate', 'GitCommit', 'GitTreeState', 'GitTag', 'GoVersion', 'Compiler', 'Platform']
    .map((k) => `  ${k}: ${i[k]}\n`).join('');
}

export async function run({ flags }) {
  checkOutput(flags.output, ['json', 'yaml', 'short', 'wide']);
  const short = flags.short || flags.output === 'short';
  const client = info(version());
  const doc = { client: short ? { argocd: client.Version } : client };
  if (!flags.client) {
    await openApi(flags);
    doc.server = short ? { 'argocd-server': client.Version } : { ...client, KustomizeVersion: 'v5.4.3', HelmVersion: 'v3.16.3' };
  }
  if (flags.output === 'json') printJson(doc);
  else if (flags.output === 'yaml') await printYaml(doc);
  else if (short) {
    out(`argocd: ${client.Version}\n`);
    if (doc.server) out(`argocd-server: ${client.Version}\n`);
  } else {
    out(wide('argocd', client));
    if (doc.server) out(wide('argocd-server', doc.server));
  }
  return 0;
}
