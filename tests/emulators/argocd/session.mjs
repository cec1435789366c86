// Connecting: which server and token an invocation uses, and whether an API call is allowed.
// The state file's `server` / `token` stand in for the local config context of `argocd login`.
import { Fatal, rpcError } from './errors.mjs';
import { apiErrorOn } from './knobs.mjs';
import { controllerHasWork, runController } from './controller.mjs';
import { modifyState, readState } from './state.mjs';

/**
 * headless.NewClientOrDie: resolve server and token (flag > env > state). No server and not
 * `--core`/`--port-forward` is a logrus fatal with exit 1, before any API call.
 */
export function connect(globals, state) {
  const core = globals.core || globals['port-forward'];
  const server = globals.server || process.env.ARGOCD_SERVER || state.server || '';
  if (!server && !core) throw new Fatal(1, 'Argo CD server address unspecified');
  const token = globals['auth-token'] || process.env.ARGOCD_AUTH_TOKEN || state.token || '';
  return { server: server || 'localhost:8080', token, core: Boolean(core) };
}

/** Why the session would be refused, or null (core mode uses Kubernetes RBAC, not tokens). */
export function authProblem(session, state) {
  if (session.core) return null;
  const required = state.requiredToken;
  if (required !== undefined && required !== null && required !== '') {
    return session.token === required ? null : 'invalid session: token is invalid';
  }
  return session.token ? null : 'no session information';
}

/** Gate for every API call: the apiError fault, then authentication. Throws an exit-20 fatal. */
export function checkApi(session, state) {
  if (apiErrorOn(state)) throw rpcError('Unavailable', 'connection error');
  const problem = authProblem(session, state);
  if (problem) throw rpcError('Unauthenticated', problem);
}

/**
 * The state as the API serves it now: pending transitions applied and, when automated apps exist,
 * the application controller given its turn (under the lock; written only when it acted).
 */
export async function currentState() {
  const state = readState();
  return controllerHasWork(state) ? modifyState((fresh) => runController(fresh)) : state;
}

/** The usual start of a command: read the state, connect, pass the API gate. */
export async function openApi(globals) {
  const first = readState();
  const session = connect(globals, first);
  checkApi(session, first);
  const state = controllerHasWork(first) ? await currentState() : first;
  return { state, session };
}
