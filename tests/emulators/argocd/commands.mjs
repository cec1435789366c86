// The command tree: each leaf has its own flags, a usage line and a lazily imported handler.
// Only the handler's module is loaded, so `app list` never pays for YAML or sync code.

const ns = { name: 'app-namespace', short: 'N', type: 'string' };
const output = (dflt) => ({ name: 'output', short: 'o', type: 'string', default: dflt });
const multiSource = [
  { name: 'revisions', type: 'array' },
  { name: 'source-positions', type: 'array', split: true },
  { name: 'source-names', type: 'array', split: true },
];

export const COMMANDS = {
  'app list': {
    usage: 'argocd app list [flags]',
    load: () => import('./cmd-list.mjs'),
    flags: [
      output('wide'), ns,
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'project', short: 'p', type: 'array', split: true },
      { name: 'repo', short: 'r', type: 'string' },
      { name: 'cluster', short: 'c', type: 'string' },
    ],
  },
  'app get': {
    usage: 'argocd app get APPNAME [flags]',
    load: () => import('./cmd-get.mjs'),
    flags: [
      output('wide'), ns,
      { name: 'refresh', type: 'bool' },
      { name: 'hard-refresh', type: 'bool' },
      { name: 'show-operation', type: 'bool' },
      { name: 'show-params', type: 'bool' },
      { name: 'source-position', type: 'int', default: -1 },
      { name: 'source-name', type: 'string' },
    ],
  },
  'app diff': {
    usage: 'argocd app diff APPNAME [flags]',
    load: () => import('./cmd-diff.mjs'),
    flags: [
      ns, ...multiSource,
      { name: 'refresh', type: 'bool' },
      { name: 'hard-refresh', type: 'bool' },
      { name: 'exit-code', type: 'bool', default: true },
      { name: 'diff-exit-code', type: 'int', default: 1 },
      { name: 'local', type: 'string' },
      { name: 'revision', type: 'string' },
      { name: 'local-repo-root', type: 'string', default: '/' },
      { name: 'local-include', type: 'array', split: true },
      { name: 'server-side-generate', type: 'bool' },
      { name: 'server-side-diff', type: 'bool' },
    ],
  },
  'app sync': {
    usage: 'argocd app sync [APPNAME... | -l selector | --project project-name] [flags]',
    load: () => import('./cmd-sync.mjs'),
    flags: [
      output('wide'), ns, ...multiSource,
      { name: 'prune', type: 'bool' },
      { name: 'revision', type: 'string' },
      { name: 'async', type: 'bool' },
      { name: 'dry-run', type: 'bool' },
      { name: 'timeout', type: 'int', default: 0 },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'project', type: 'array', split: true },
      { name: 'resource', type: 'array' },
      { name: 'label', type: 'array' },
      { name: 'force', type: 'bool' },
      { name: 'replace', type: 'bool' },
      { name: 'server-side', type: 'bool' },
      { name: 'apply-out-of-sync-only', type: 'bool' },
      { name: 'strategy', type: 'string' },
      { name: 'retry-limit', type: 'int', default: 0 },
      { name: 'retry-backoff-duration', type: 'string' },
      { name: 'retry-backoff-max-duration', type: 'string' },
      { name: 'retry-backoff-factor', type: 'int', default: 2 },
      { name: 'local', type: 'string' },
      { name: 'local-repo-root', type: 'string', default: '/' },
      { name: 'preview-changes', type: 'bool' },
      { name: 'assumeYes', type: 'bool' },
      { name: 'info', type: 'array' },
    ],
  },
  'app wait': {
    usage: 'argocd app wait [APPNAME.. | -l selector] [flags]',
    load: () => import('./cmd-wait.mjs'),
    flags: [
      output('wide'), ns,
      { name: 'sync', type: 'bool' },
      { name: 'health', type: 'bool' },
      { name: 'operation', type: 'bool' },
      { name: 'suspended', type: 'bool' },
      { name: 'degraded', type: 'bool' },
      { name: 'delete', type: 'bool' },
      { name: 'timeout', type: 'int', default: 0 },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'resource', type: 'array' },
    ],
  },
  'app set': {
    usage: 'argocd app set APPNAME [flags]',
    load: () => import('./cmd-set.mjs'),
    flags: [
      ns,
      { name: 'revision', type: 'string' },
      { name: 'source-position', type: 'int', default: -1 },
      { name: 'source-name', type: 'string' },
    ],
  },
  'app terminate-op': {
    usage: 'argocd app terminate-op APPNAME [flags]',
    load: () => import('./cmd-terminate-op.mjs'),
    flags: [ns],
  },
  'account get-user-info': {
    usage: 'argocd account get-user-info [flags]',
    load: () => import('./cmd-account.mjs'),
    flags: [output('')],
  },
  version: {
    usage: 'argocd version [flags]',
    load: () => import('./cmd-version.mjs'),
    flags: [output('wide'), { name: 'client', type: 'bool' }, { name: 'short', type: 'bool' }],
  },
};

/** Command aliases the real CLI accepts. */
export const ALIASES = { 'app ls': 'app list' };

/** Groups that print help and exit 1 when run without a known subcommand (like `argocd app`). */
export const GROUPS = ['app', 'account'];

/** Cobra-like usage text for `path` (printed on stderr after errors, stdout for --help). */
export function usageText(path, globalFlags) {
  const cmd = COMMANDS[path];
  const list = (flags) =>
    flags.map((f) => `  ${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.type === 'bool' ? '' : ` ${f.type === 'array' ? 'stringArray' : f.type}`}\n`).join('');
  if (!cmd) {
    const subs = Object.keys(COMMANDS).filter((k) => k.startsWith(path ? `${path} ` : ''));
    return `Usage:\n  argocd ${path || ''} [command]\n\nAvailable Commands:\n${subs.map((s) => `  ${s}\n`).join('')}\n`;
  }
  return `Usage:\n  ${cmd.usage}\n\nFlags:\n${list(cmd.flags)}\nGlobal Flags:\n${list(globalFlags)}\n`;
}
