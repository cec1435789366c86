// `argocd app wait APPNAME... [--sync] [--health] [--operation] [--suspended] [--degraded] [--delete]
// [--timeout S] [-l SEL] [-o json|wide]`. No condition flag means sync + health + operation.
import { Fatal, HelpExit } from './errors.mjs';
import { checkOutput } from './output.mjs';
import { compileSelector } from './selector.mjs';
import { openApi } from './session.mjs';
import { parseAppName } from './state.mjs';
import { waitForApp } from './watch.mjs';

export async function run({ args, flags, path }) {
  if (args.length === 0 && !flags.selector) throw new HelpExit(1, path);
  checkOutput(flags.output, ['json', 'yaml', 'wide', 'tree']);
  const { state, session } = await openApi(flags);
  let watch = {
    sync: flags.sync, health: flags.health, operation: flags.operation,
    suspended: flags.suspended, degraded: flags.degraded, delete: flags.delete,
  };
  if (!Object.values(watch).some(Boolean)) watch = { sync: true, health: true, operation: true };
  let names = args;
  if (flags.selector) {
    const test = compileSelector(flags.selector);
    names = state.apps.filter(test).map((a) => a.metadata.name);
    if (names.length === 0) throw new Fatal(1, `no apps match selector ${flags.selector}`);
  }
  for (const arg of names) {
    const { name, namespace } = parseAppName(arg, flags['app-namespace']);
    await waitForApp(name, namespace, watch, { timeout: flags.timeout, output: flags.output, session });
  }
  return 0;
}
