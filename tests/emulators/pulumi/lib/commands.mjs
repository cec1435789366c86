// The command tree and the flags of each command, as pulumi's cobra setup has them.
// kind: bool | string | int | array | implicit (a string flag whose bare form means "true").

function f(long, short, kind, usage) {
  return { long, short, kind, usage };
}

export const GLOBAL_FLAGS = [
  f('color', null, 'string', 'Colorize output. Choices are: always, never, raw, auto'),
  f('cwd', 'C', 'string', 'Run pulumi as if it had been started in another directory'),
  f('disable-integrity-checking', null, 'bool', 'Disable integrity checking of checkpoint files'),
  f('emoji', 'e', 'bool', 'Enable emojis in the output'),
  f('fully-qualify-stack-names', 'Q', 'bool', 'Show fully-qualified stack names'),
  f('help', 'h', 'bool', 'help for this command'),
  f('logflow', null, 'bool', 'Flow log settings to child processes (like plugins)'),
  f('logtostderr', null, 'bool', 'Log to stderr instead of to files'),
  f('memprofilerate', null, 'int', 'Enable more precise (and expensive) memory allocation profiles'),
  f('non-interactive', null, 'bool', 'Disable interactive mode for all commands'),
  f('profiling', null, 'string', 'Emit CPU and memory profiles and an execution trace'),
  f('tracing', null, 'string', 'Emit tracing to the specified endpoint'),
  f('verbose', 'v', 'int', 'Enable verbose logging (e.g., v=3); anything >3 is very verbose'),
];

const STACK = f('stack', 's', 'string', 'The name of the stack to operate on. Defaults to the current stack');

const OPERATION_FLAGS = [
  STACK,
  f('config-file', null, 'string', 'Use the configuration values in the specified file'),
  f('debug', 'd', 'bool', 'Print detailed debugging output during resource operations'),
  f('diff', null, 'bool', 'Display operation as a rich diff showing the overall change'),
  f('event-log', null, 'string', 'Log events to a file at this path'),
  f('expect-no-changes', null, 'bool', 'Return an error if any changes occur during this operation'),
  f('json', 'j', 'bool', 'Serialize the update diffs, operations, and overall output as JSON'),
  f('message', 'm', 'string', 'Optional message to associate with the operation'),
  f('parallel', 'p', 'int', 'Allow P resource operations to run in parallel at once'),
  f('show-reads', null, 'bool', 'Show resources that are being read in'),
  f('show-replacement-steps', null, 'bool', 'Show detailed resource replacement creates and deletes'),
  f('show-sames', null, 'bool', 'Show resources that needn\'t be updated because they haven\'t changed'),
  f('suppress-outputs', null, 'bool', 'Suppress display of stack outputs (in case they contain sensitive values)'),
  f('suppress-progress', null, 'bool', 'Suppress display of periodic progress dots'),
  f('target', 't', 'array', 'Specify a single resource URN to update. Multiple resources can be specified'),
  f('target-dependents', null, 'bool', 'Allows updating of dependent targets discovered but not specified'),
];

const APPLY_FLAGS = [
  f('skip-preview', 'f', 'bool', 'Do not calculate a preview before performing the update'),
  f('yes', 'y', 'bool', 'Automatically approve and perform the update after previewing it'),
];

const REFRESH = f('refresh', 'r', 'implicit', 'Refresh the state of the stack\'s resources before this update');

export const COMMANDS = {
  preview: {
    aliases: ['pre'],
    short: 'Show a preview of updates to a stack\'s resources',
    flags: [...OPERATION_FLAGS, REFRESH, f('show-config', null, 'bool', 'Show configuration keys and variables'),
      f('save-plan', null, 'string', 'Save the operations proposed by the preview to a plan file at the given path')],
    maxArgs: 0,
  },
  up: {
    aliases: ['update'],
    short: 'Create or update the resources in a stack',
    flags: [...OPERATION_FLAGS, ...APPLY_FLAGS, REFRESH,
      f('continue-on-error', null, 'bool', 'Continue updating resources even if an error is encountered'),
      f('show-config', null, 'bool', 'Show configuration keys and variables')],
    maxArgs: 0,
  },
  refresh: {
    short: 'Refresh the resources in a stack',
    flags: [...OPERATION_FLAGS, ...APPLY_FLAGS,
      f('preview-only', null, 'bool', 'Only show a preview of the refresh, but don\'t perform the refresh itself'),
      f('clear-pending-creates', null, 'bool', 'Clear all pending creates, dropping them from the state')],
    maxArgs: 0,
  },
  stack: {
    short: 'Manage stacks and view stack state',
    flags: [STACK, f('show-ids', 'i', 'bool', 'Display each resource\'s provider-assigned unique ID'),
      f('show-name', null, 'bool', 'Display only the stack name'),
      f('show-secrets', null, 'bool', 'Display stack outputs which are marked as secret in plaintext'),
      f('show-urns', 'u', 'bool', 'Display each resource\'s Pulumi-assigned globally unique URN')],
    maxArgs: 0,
    children: {
      init: {
        short: 'Create an empty stack with the given name, ready for updates',
        flags: [STACK, f('secrets-provider', null, 'string', 'The type of the provider that should be used to encrypt and decrypt secrets'),
          f('copy-config-from', null, 'string', 'The name of the stack to copy existing config from')],
        maxArgs: 1,
      },
      ls: {
        aliases: ['list'],
        short: 'List stacks',
        flags: [f('all', 'a', 'bool', 'List all stacks instead of just stacks for the current project'),
          f('json', 'j', 'bool', 'Emit output as JSON'),
          f('organization', 'o', 'string', 'Filter returned stacks to those in a specific organization'),
          f('project', 'p', 'string', 'Filter returned stacks to those with a specific project name'),
          f('tag', 't', 'string', 'Filter returned stacks to those in a specific tag (tag-name or tag-name=tag-value)')],
        maxArgs: 0,
      },
      output: {
        short: 'Show a stack\'s output properties',
        flags: [STACK, f('json', 'j', 'bool', 'Emit output as JSON'),
          f('shell', null, 'bool', 'Emit output as a shell script'),
          f('show-secrets', null, 'bool', 'Display outputs which are marked as secret in plaintext')],
        maxArgs: 1,
      },
      select: {
        short: 'Switch the current workspace to the given stack',
        flags: [STACK, f('create', 'c', 'bool', 'If selected stack does not exist, create it'),
          f('secrets-provider', null, 'string', 'Use with --create flag, The type of the provider that should be used to encrypt and decrypt secrets')],
        maxArgs: 1,
      },
    },
  },
  config: {
    short: 'Manage configuration',
    flags: [STACK],
    maxArgs: 0,
    children: {
      set: {
        short: 'Set configuration value',
        flags: [STACK, f('path', null, 'bool', 'The key contains a path to a property in a map or list to set'),
          f('plaintext', null, 'bool', 'Save the value as plaintext (unencrypted)'),
          f('secret', null, 'bool', 'Encrypt the value instead of storing it in plaintext')],
        maxArgs: 2,
      },
    },
  },
  whoami: {
    short: 'Display the current logged-in user',
    flags: [f('json', 'j', 'bool', 'Emit output as JSON'),
      f('verbose', 'v', 'bool', 'Print detailed whoami information')],
    maxArgs: 0,
  },
  version: { short: 'Print Pulumi\'s version number', flags: [], maxArgs: 0 },
  login: {
    short: 'Log in to the Pulumi Cloud',
    flags: [f('cloud-url', 'c', 'string', 'A cloud URL to log in to'),
      f('local', 'l', 'bool', 'Use Pulumi in local-only mode'),
      f('insecure', null, 'bool', 'Allow insecure server connections when using SSL')],
    maxArgs: 1,
  },
  logout: {
    short: 'Log out of the Pulumi Cloud',
    flags: [f('all', null, 'bool', 'Logout of all backends'),
      f('cloud-url', 'c', 'string', 'A cloud URL to log out of (defaults to current cloud)'),
      f('local', 'l', 'bool', 'Log out of using local mode')],
    maxArgs: 1,
  },
};

/** The child of a command node (or of the root when node is null) named `word`. */
export function childCommand(node, word) {
  const table = node ? node.children : COMMANDS;
  if (!table) return null;
  for (const [name, spec] of Object.entries(table)) {
    if (name === word || (spec.aliases ?? []).includes(word)) return { name, spec };
  }
  return null;
}

/** Every flag spec, for the first pass that only locates the command words. */
export function allFlagSpecs() {
  const specs = [...GLOBAL_FLAGS];
  const walk = (table) => {
    for (const spec of Object.values(table)) {
      specs.push(...spec.flags);
      if (spec.children) walk(spec.children);
    }
  };
  walk(COMMANDS);
  return specs;
}
