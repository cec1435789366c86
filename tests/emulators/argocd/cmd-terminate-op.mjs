// `argocd app terminate-op APPNAME`: stop a running sync; its phase becomes Failed.
import { HelpExit, permissionDenied, rpcError } from './errors.mjs';
import { isoSeconds, out } from './output.mjs';
import { checkApi, openApi } from './session.mjs';
import { findApp, parseAppName, updateState } from './state.mjs';
import { operationRunning, unschedule } from './timeline.mjs';

export async function run({ args, flags, path }) {
  if (args.length !== 1) throw new HelpExit(1, path);
  const { session } = await openApi(flags);
  const { name, namespace } = parseAppName(args[0], flags['app-namespace']);
  await updateState((state) => {
    checkApi(session, state);
    const app = findApp(state, name, namespace);
    if (!app) throw permissionDenied();
    if (!operationRunning(app)) {
      throw rpcError('InvalidArgument', 'Unable to terminate operation. No operation is in progress');
    }
    unschedule(state, name);
    Object.assign(app.status.operationState, { phase: 'Failed', message: 'Operation terminated', finishedAt: isoSeconds() });
  });
  out(`Application '${name}' operation terminating\n`);
  return 0;
}
