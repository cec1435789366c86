// `argocd app set APPNAME --revision R [--source-position N]`: sets targetRevision, prints nothing.
import { isMultiSource, markOutOfSync } from './app-model.mjs';
import { Fatal, HelpExit, permissionDenied } from './errors.mjs';
import { logLine } from './output.mjs';
import { checkApi, openApi } from './session.mjs';
import { findApp, parseAppName, updateState } from './state.mjs';

/** Index (0-based) of the source to change, validated like cmdutil for multi-source apps. */
function sourceIndex(app, flags) {
  if (!isMultiSource(app)) return null;
  let pos = flags['source-position'];
  if (flags['source-name']) {
    const i = app.spec.sources.findIndex((s) => s.name === flags['source-name']);
    if (i < 0) throw new Fatal(20, `Unknown source name '${flags['source-name']}'`);
    pos = i + 1;
  }
  if (pos <= 0) {
    throw new Fatal(20, 'Source position should be specified and must be greater than 0 for applications with multiple sources');
  }
  if (pos > app.spec.sources.length) {
    throw new Fatal(20, 'Source position should be less than the number of sources in the application');
  }
  return pos - 1;
}

export async function run({ args, flags, path }) {
  if (args.length !== 1) throw new HelpExit(1, path);
  const { session } = await openApi(flags);
  const { name, namespace } = parseAppName(args[0], flags['app-namespace']);
  await updateState((state) => {
    checkApi(session, state);
    const app = findApp(state, name, namespace);
    if (!app) throw permissionDenied();
    const index = sourceIndex(app, flags);
    if (!flags.revision) {
      logLine('error', 'Please set at least one option to update');
      throw new HelpExit(1, path);
    }
    const source = index === null ? (app.spec.source ??= {}) : app.spec.sources[index];
    if (source.targetRevision !== flags.revision) {
      source.targetRevision = flags.revision;
      markOutOfSync(app);
    }
  });
  return 0;
}
