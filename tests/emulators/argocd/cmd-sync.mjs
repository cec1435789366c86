// `argocd app sync APPNAME... [--prune] [--revision R] [--async] [--dry-run] [--timeout S] [-o json|wide]`
// Apps are synced one after another; the first failure ends the command.
import { apiView } from './app-model.mjs';
import { Fatal, HelpExit, permissionDenied } from './errors.mjs';
import { checkOutput, out, printJson, printYaml } from './output.mjs';
import { finalStatusText } from './render.mjs';
import { compileSelector } from './selector.mjs';
import { checkApi, openApi } from './session.mjs';
import { findApp, parseAppName, updateState } from './state.mjs';
import { beginSync } from './sync-op.mjs';
import { waitForApp } from './watch.mjs';

/** `--resource GROUP:KIND:NAME` (or `GROUP:KIND:NAMESPACE/NAME`, `!` to exclude). */
function resourceSelector(specs) {
  const parsed = specs.map((spec) => {
    const exclude = spec.startsWith('!');
    const parts = (exclude ? spec.slice(1) : spec).split(':');
    if (parts.length !== 3 || !parts[1] || !parts[2]) {
      throw new Fatal(1, `Resource should have GROUP:KIND:NAME, but instead got: ${spec}`);
    }
    const [group, kind, rest] = parts;
    const slash = rest.indexOf('/');
    return { exclude, group, kind, namespace: slash < 0 ? null : rest.slice(0, slash), name: slash < 0 ? rest : rest.slice(slash + 1) };
  });
  const matches = (p, r) => (r.group ?? '') === p.group && r.kind === p.kind && r.name === p.name &&
    (p.namespace === null || (r.namespace ?? '') === p.namespace);
  const includes = parsed.filter((p) => !p.exclude);
  const excludes = parsed.filter((p) => p.exclude);
  return (r) => !excludes.some((p) => matches(p, r)) && (includes.length === 0 || includes.some((p) => matches(p, r)));
}

function namesFromSelector(state, flags) {
  const test = compileSelector(flags.selector);
  const projects = new Set(flags.project);
  const names = state.apps
    .filter((a) => test(a) && (projects.size === 0 || projects.has(a.spec?.project)))
    .map((a) => a.metadata.name);
  if (names.length === 0) {
    throw new Fatal(1, `No matching apps found for filter: selector ${flags.selector}, projects ${JSON.stringify(flags.project)}`);
  }
  return names;
}

async function printApp(app, flags, server) {
  if (flags.output === 'json') printJson(apiView(app));
  else if (flags.output === 'yaml') await printYaml(apiView(app));
  else out(finalStatusText(app, server, true));
}

export async function run({ args, flags, path }) {
  if (args.length === 0 && !flags.selector && flags.project.length === 0) throw new HelpExit(1, path);
  if (args.length > 0 && flags.selector) throw new Fatal(1, 'Cannot specify both application names and selector');
  checkOutput(flags.output, ['json', 'yaml', 'wide', 'tree']);
  const { state, session } = await openApi(flags);
  const names = args.length ? args : namesFromSelector(state, flags);
  const revisionsAt = {};
  flags['source-positions'].forEach((pos, i) => (revisionsAt[Number(pos)] = flags.revisions[i]));
  const opts = {
    revision: flags.revision, revisionsAt, prune: flags.prune, dryRun: flags['dry-run'],
    filtered: flags.resource.length > 0, selectResource: resourceSelector(flags.resource),
  };
  for (const arg of names) {
    const { name, namespace } = parseAppName(arg, flags['app-namespace']);
    const dryRunView = await updateState(async (s) => {
      checkApi(session, s);
      const app = findApp(s, name, namespace);
      if (!app) throw permissionDenied();
      return beginSync(s, app, opts);
    });
    if (flags.async) continue;
    if (dryRunView) {
      await printApp(dryRunView, flags, session.server);
      continue;
    }
    const app = await waitForApp(name, namespace, { operation: true }, { timeout: flags.timeout, output: flags.output, session });
    const op = app.status?.operationState;
    if (op?.phase !== 'Succeeded') throw new Fatal(1, `Operation has completed with phase: ${op?.phase}`);
    if (!opts.filtered && app.status?.sync?.status !== 'Synced') {
      const pruning = (op.syncResult?.resources ?? []).filter((r) => r.status === 'PruneSkipped').length;
      if (pruning > 0) throw new Fatal(1, `${pruning} resources require pruning`);
    }
  }
  return 0;
}
