// `argocd account get-user-info [-o json|yaml]`. The server ignores auth errors for this call:
// a bad or missing token answers loggedIn false with exit 0 (check the field, not the exit code).
import { checkOutput, out, printJson, printYaml } from './output.mjs';
import { authProblem, connect } from './session.mjs';
import { readState } from './state.mjs';
import { rpcError } from './errors.mjs';
import { apiErrorOn } from './knobs.mjs';

export async function run({ flags }) {
  checkOutput(flags.output, ['', 'wide', 'json', 'yaml']);
  const state = readState();
  const session = connect(flags, state);
  if (apiErrorOn(state)) throw rpcError('Unavailable', 'connection error');
  const info = authProblem(session, state)
    ? { loggedIn: false }
    : { loggedIn: true, username: state.user ?? 'admin', iss: 'argocd', groups: state.groups ?? [] };
  if (flags.output === 'json') printJson(info);
  else if (flags.output === 'yaml') await printYaml(info);
  else {
    out(`Logged In: ${info.loggedIn}\n`);
    if (info.loggedIn) out(`Username: ${info.username}\nIssuer: ${info.iss}\nGroups: ${info.groups.join(',')}\n`);
  }
  return 0;
}
