// waitOnApplicationStatus: poll the state until an app meets the watched conditions, print its
// final status, or fail on timeout / a health transition to Degraded (both exit 20).
import { apiView } from './app-model.mjs';
import { Fatal, permissionDenied } from './errors.mjs';
import { pollMs } from './knobs.mjs';
import { sleep } from './lock.mjs';
import { flushOut, out, printJson, printYaml } from './output.mjs';
import { finalStatusText, liveTable } from './render.mjs';
import { autoRefreshRoots } from './root.mjs';
import { checkApi, currentState } from './session.mjs';
import { findApp } from './state.mjs';
import { operationRunning } from './timeline.mjs';

/** checkResourceStatus of the real CLI, on the whole app. */
function conditionsMet(app, watch) {
  const health = app.status?.health?.status;
  let healthOk = true;
  if (watch.health || watch.suspended || watch.degraded) {
    healthOk = (watch.health && health === 'Healthy') || (watch.suspended && health === 'Suspended') ||
      (watch.degraded && health === 'Degraded');
  }
  const syncOk = !watch.sync || app.status?.sync?.status === 'Synced';
  const opOk = !watch.operation || !operationRunning(app);
  return syncOk && healthOk && opOk && !watch.delete;
}

async function printFinal(app, output, server, watch) {
  if (output === 'json') printJson(apiView(app));
  else if (output === 'yaml') await printYaml(apiView(app));
  else out(finalStatusText(app, server, watch.operation));
}

/**
 * Wait for app `name`. `watch` = {sync, health, operation, suspended, degraded, delete};
 * `timeout` in seconds (0 = forever). Returns the final app (null once deleted).
 */
export async function waitForApp(name, namespace, watch, { timeout, output, session }) {
  const started = Date.now();
  let prevHealth;
  let printedTable = false;
  for (;;) {
    const state = await currentState();
    checkApi(session, state);
    if (state.roots?.[name]) await autoRefreshRoots(state, name);
    const app = findApp(state, name, namespace);
    if (!app) {
      if (watch.delete) return null;
      throw permissionDenied();
    }
    if (output === 'wide' && !printedTable) {
      out(liveTable(app));
      printedTable = true;
      await flushOut();
    }
    if (conditionsMet(app, watch)) {
      await printFinal(app, output, session.server, watch);
      return app;
    }
    const health = app.status?.health?.status;
    if (watch.health && prevHealth && prevHealth !== 'Unknown' && prevHealth !== 'Degraded' && health === 'Degraded') {
      await printFinal(app, output, session.server, watch);
      throw new Fatal(20, `application '${name}' health state has transitioned from ${prevHealth} to Degraded`);
    }
    prevHealth = health;
    const left = timeout > 0 ? started + timeout * 1000 - Date.now() : Infinity;
    if (left <= 0) {
      if (output !== 'json' && output !== 'yaml') {
        out('\nThis is the state of the app after `wait` timed out:\n');
        await printFinal(app, output, session.server, watch);
        out('\nThe command timed out waiting for the conditions to be met.\n');
      }
      throw new Fatal(20, `timed out (${timeout}s) waiting for app "${name}" match desired state`);
    }
    await sleep(Math.min(pollMs(), left));
  }
}
