// `argocd app list [-o json|yaml|name|wide] [-l SEL] [-p PROJ] [-r REPO] [-c CLUSTER] [-N NS]`
import { apiView, qualifiedName, sourcesOf } from './app-model.mjs';
import { checkOutput, out, printYaml } from './output.mjs';
import { listTable } from './render.mjs';
import { autoRefreshRoots } from './root.mjs';
import { compileSelector } from './selector.mjs';
import { openApi } from './session.mjs';

function filters(flags) {
  const tests = [];
  if (flags.selector) tests.push(compileSelector(flags.selector));
  if (flags.project.length) {
    const projects = new Set(flags.project);
    tests.push((a) => projects.has(a.spec?.project));
  }
  if (flags.repo) tests.push((a) => sourcesOf(a).some((s) => s.repoURL === flags.repo));
  if (flags.cluster) {
    tests.push((a) => a.spec?.destination?.server === flags.cluster || a.spec?.destination?.name === flags.cluster);
  }
  if (flags['app-namespace']) tests.push((a) => (a.metadata?.namespace ?? 'argocd') === flags['app-namespace']);
  return tests;
}

export async function run({ flags }) {
  checkOutput(flags.output, ['json', 'yaml', 'name', 'wide']);
  const { state } = await openApi(flags);
  if (state.roots) await autoRefreshRoots(state);
  const tests = filters(flags);
  const apps = tests.length ? state.apps.filter((a) => tests.every((t) => t(a))) : state.apps;
  switch (flags.output) {
    case 'json':
      out(`${JSON.stringify(apps.map(apiView), null, 2)}\n`);
      break;
    case 'yaml':
      await printYaml(apps.map(apiView));
      break;
    case 'name':
      out(apps.map((a) => `${qualifiedName(a)}\n`).join(''));
      break;
    default:
      out(listTable(apps));
  }
  return 0;
}
