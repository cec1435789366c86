// `argocd app get APPNAME [-o json|yaml|wide] [--refresh|--hard-refresh]`
import { apiView } from './app-model.mjs';
import { HelpExit, permissionDenied } from './errors.mjs';
import { checkOutput, out, printJson, printYaml } from './output.mjs';
import { finalStatusText } from './render.mjs';
import { autoRefreshRoots, refreshRootFromGit } from './root.mjs';
import { openApi } from './session.mjs';
import { findApp, parseAppName, updateState } from './state.mjs';

export async function run({ args, flags, path }) {
  if (args.length === 0) throw new HelpExit(1, path);
  checkOutput(flags.output, ['json', 'yaml', 'wide', 'tree']);
  let { state, session } = await openApi(flags);
  const { name, namespace } = parseAppName(args[0], flags['app-namespace']);
  if (!findApp(state, name, namespace)) throw permissionDenied();
  if ((flags.refresh || flags['hard-refresh']) && state.roots?.[name]) {
    // A refresh of a root compares it with Git again and stores the result.
    state = await updateState(async (s) => {
      await refreshRootFromGit(s, name);
      return s;
    });
  } else if (state.roots?.[name]) {
    await autoRefreshRoots(state, name);
  }
  const app = findApp(state, name, namespace);
  if (!app) throw permissionDenied();
  if (flags.output === 'json') printJson(apiView(app));
  else if (flags.output === 'yaml') await printYaml(apiView(app));
  else out(finalStatusText(app, session.server, flags['show-operation']).replace(/^\n/, ''));
  return 0;
}
