/** The tools blumeops itself uses, whatever the kinds: git for the repo, op for `op://` secrets. */
import type { ToolSpec } from './reconciler.js';

/** git: blumeops reads the repo with it; 2.31 brought `rev-parse --path-format=absolute`. */
export const GIT_TOOL: ToolSpec = {
  name: 'git',
  install: 'apt-get install git (Debian/Ubuntu), or brew install git',
  versionArgs: ['--version'],
  minVersion: '2.31.0',
};

/**
 * op (1Password CLI v2): needed when a layer's env has `op://` values. Not a kind, so its spec lives
 * here, for the secret resolver (install hint) and doctor (version, auth). Auth is `op vault list`, not `op whoami`: with the desktop-app integration `whoami` reports
 * "not signed in" while `op read` works (docs/tools/op.md).
 */
export const OP_TOOL: ToolSpec = {
  name: 'op',
  install: 'https://developer.1password.com/docs/cli/get-started (or: brew install 1password-cli)',
  versionArgs: ['--version'],
  minVersion: '2.18.0',
  auth: {
    args: ['vault', 'list', '--format', 'json'],
    fix: 'sign in with `eval $(op signin)`, turn on the 1Password app integration, or export OP_SERVICE_ACCOUNT_TOKEN',
  },
};
