import { Command, Option } from 'commander';
import { BlumeopsError } from '../errors.js';
import { packageVersion } from '../package-root.js';
import type { Reconciler } from '../reconciler.js';
import { registry } from '../../layers/index.js';
import { parseConcurrency, PLAN_CONCURRENCY, positiveDuration, positiveInteger, withRepoFlags, withRunFlags, type CommonFlags } from './flags.js';
import type { RunInvocation } from './run-support.js';

/** Where an action leaves its exit code; only main.ts turns it into process.exitCode. */
export interface ExitHolder {
  code: number;
}

type Options = CommonFlags & { message?: string; changed?: boolean; since?: string } & Record<string, unknown>;

/** The commander program. Only commander and the registry load here: every action imports its command lazily. */
export function buildProgram(holder: ExitHolder, extraArgs: string[], commandLine: string): Command {
  const program = new Command('blumeops')
    .description('Run a homelab by GitOps: plan, apply and record every layer (Pulumi, Ansible, ArgoCD) from one Git repo.')
    .version(packageVersion(), '-V, --version')
    // Before any subcommand is added: commander copies this setting into each one as it is made, so a
    // usage error anywhere reaches main() (and its JSON error document) instead of exiting on its own.
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText('after', `\nKinds and their verbs:\n${registry.map((kind) => `  ${kind.kind.padEnd(8)} ${kind.verbs.plan} / ${kind.verbs.apply}  ${kind.description}`).join('\n')}\n\nExamples:\n  blumeops plan\n  blumeops up tailnet\n  blumeops provision indri -- --tags caddy\n  blumeops sync argocd cv`);

  const request = (command: string, layers: string[], options: Options, extra: Partial<RunInvocation> = {}): RunInvocation => ({
    command,
    layers,
    flags: options,
    extraArgs,
    targets: [],
    kindOptions: {},
    commandLine,
    ...extra,
  });
  const act = <A extends unknown[]>(body: (...args: A) => Promise<number>) => async (...args: A) => {
    holder.code = await body(...args);
  };

  withRunFlags(program.command('plan').argument('[layers...]', 'layers to plan (default: all)'), false)
    .option('--changed', 'only the layers whose paths changed (since each one\'s last apply, or --since)', false)
    .option('--since <rev>', 'with --changed: compare with this revision')
    .addOption(new Option('--format <format>', 'text, json (same as --json) or markdown (a pull-request comment on stdout)').choices(['text', 'json', 'markdown']).default('text'))
    .description('show what every (or each named) layer would change; changes nothing')
    .addHelpText('after', '\nExamples:\n  blumeops plan\n  blumeops plan tailnet indri --json\n  blumeops plan --detailed-exitcode   # exit 2 when something would change')
    .action(act(async (layers: string[], options: Options) => (await import('./plan-command.js')).planCommand(request('plan', layers, formatFlags(options)))));

  withRunFlags(program.command('apply').argument('[layers...]', 'layers to apply (default: all)'), true)
    .description('plan, ask, then apply in dependency order and record each layer in the ledger')
    .addHelpText('after', '\nExamples:\n  blumeops apply\n  blumeops apply tailnet --yes -m "open ssh to indri"')
    .action(act(async (layers: string[], options: Options) => (await import('./apply-command.js')).applyCommand(request('apply', layers, options))));

  for (const kind of registry) addKindVerbs(program, kind, request, act);

  withRepoFlags(program.command('status'))
    .option('--offline', 'do not plan: no live drift, only Git and the ledger', false)
    .option('--concurrency <n>', 'layers planned at once', parseConcurrency, PLAN_CONCURRENCY)
    .description('every layer in one table: last apply, commits since, live drift (exit 2 when drifted or unapplied)')
    .addHelpText('after', '\nExamples:\n  blumeops status\n  blumeops status --offline --json')
    .action(act(async (options: Options & { offline: boolean }) => (await import('./status-command.js')).statusCommand(options)));

  withRepoFlags(program.command('context'))
    .option('--offline', 'do not plan: no live drift (said so in the document)', false)
    .addOption(new Option('--format <format>', 'markdown (rendered on a terminal, plain when piped) or json').choices(['markdown', 'json']).default('markdown'))
    .option('--max-bytes <n>', 'at most this many bytes: the least important parts (old history, then per-app detail) are trimmed first', positiveInteger)
    .option('--concurrency <n>', 'layers planned at once', parseConcurrency, PLAN_CONCURRENCY)
    .description('one document that explains the homelab as it stands: each layer, its last apply and why, what drifted')
    .addHelpText('after', '\nExamples:\n  blumeops context\n  blumeops context --offline --max-bytes 8000 | pbcopy   # for an assistant\'s context window\n  blumeops context --format json')
    .action(act(async (options: Options & { offline: boolean; maxBytes?: number }) => (await import('./context-command.js')).contextCommand(options)));

  withRepoFlags(program.command('watch'))
    .addOption(new Option('--interval <duration>', 'time between cycles (30s, 10m, 1h, 7d)').argParser(positiveDuration).default(600_000, '10m'))
    .option('--apply <layers...>', 'layers applied automatically after a fast-forward pull or on drift (under the lock, never over uncommitted changes)', [])
    .option('--notify <url>', 'POST news to this ntfy-style topic URL')
    .addOption(new Option('--notify-format <format>', 'text (ntfy: body + Title/Priority headers) or json (the status --json document)').choices(['text', 'json']).default('text'))
    .option('--cycles <n>', 'stop after this many cycles (default: until Ctrl-C)', positiveInteger)
    .option('--concurrency <n>', 'layers planned at once', parseConcurrency, PLAN_CONCURRENCY)
    .option('--listen <host:port>', 'serve a live status page, /api/v1/*, /metrics and /healthz (e.g. 127.0.0.1:9387; another address needs a token)')
    .option('--token-file <file>', 'with --listen: the token clients must send (first line of FILE; default: $BLUMEOPS_TOKEN)')
    .option('--unhealthy-after <n>', 'with --listen: /healthz answers 503 after this many failed cycles in a row', positiveInteger, 3)
    .description('keep watching: fetch, plan, auto-apply opted-in layers, and notify when a layer drifts, recovers or fails')
    .addHelpText('after', '\nExamples:\n  blumeops watch --interval 15m --notify https://ntfy.sh/my-homelab\n  blumeops watch --apply tailnet indri --notify-format json --notify http://127.0.0.1:8080/hook\n  blumeops watch --listen 127.0.0.1:9387')
    .action(act(async (options: Options & { interval: number; apply: string[]; notify?: string; notifyFormat: 'text' | 'json'; cycles?: number; listen?: string; tokenFile?: string; unhealthyAfter: number }) => (await import('./watch-command.js')).watchCommand(options)));

  withRunFlags(program.command('rollback').argument('<layer>', 'the layer to roll back'), true)
    .option('--to <commit>', 'roll back to this commit (default: the previous successfully applied commit)')
    .description("apply a layer's previous successfully applied commit (plan shown first)")
    .addHelpText('after', '\nExamples:\n  blumeops rollback tailnet\n  blumeops rollback indri --to 3f9c2a1')
    .action(act(async (layer: string, options: Options & { to?: string }) => (await import('./apply-command.js')).rollbackCommand(layer, { ...request('rollback', [layer], options), to: options.to })));

  program
    .command('unlock')
    .option('-C, --repo <dir>', 'the infra repo')
    .option('-y, --yes', 'remove without asking', false)
    .description('remove the apply lock after showing who holds it (only when no apply is running)')
    .addHelpText('after', '\nExample:\n  blumeops unlock')
    .action(act(async (options: { repo?: string; yes: boolean }) => (await import('./unlock-command.js')).unlockCommand(options)));

  withRepoFlags(program.command('layers'))
    .description('list the layers of blumeops.yaml in dependency order')
    .addHelpText('after', '\nExample:\n  blumeops layers --json')
    .action(act(async (options: Options) => (await import('./layers-command.js')).layersCommand(options)));

  withRepoFlags(program.command('history').argument('[layer]', 'only this layer'))
    .option('-n, --limit <n>', 'at most this many entries', positiveInteger)
    .description('what was applied, from which commit, when and why (newest first)')
    .addHelpText('after', '\nExamples:\n  blumeops history\n  blumeops history tailnet --json')
    .action(act(async (layer: string | undefined, options: Options & { limit?: number }) => (await import('./history-command.js')).historyCommand(layer, options)));

  program
    .command('init')
    .option('-C, --repo <dir>', 'the infra repo (default: the Git top level of the current directory, else the current directory)')
    .option('--force', 'replace an existing blumeops.yaml', false)
    .option('--mise', 'also turn the old mise tasks that drive a layer into blumeops wrappers under their names, and add wrappers for layers without one', false)
    .option('-y, --yes', 'write without asking (the diffs are still shown)', false)
    .option('--json', 'print one JSON document on stdout; human output goes to stderr', false)
    .description('scan the repo for Pulumi projects, Ansible playbooks and ArgoCD Applications, learn from its mise tasks; write a commented blumeops.yaml')
    .addHelpText('after', '\nExamples:\n  blumeops init\n  blumeops init --mise\n  blumeops init -C ~/infra --force --mise --yes --json')
    .action(act(async (options: { repo?: string; force: boolean; mise: boolean; yes: boolean; json: boolean }) => (await import('./init-command.js')).initCommand(options)));

  program
    .command('doctor')
    .option('-C, --repo <dir>', 'the infra repo (default: walk up from the current directory to blumeops.yaml)')
    .option('--offline', 'do not contact the Git remote', false)
    .option('--json', 'print one JSON document on stdout', false)
    .option('--no-color', 'no colours')
    .description('check the tools of the kinds in use (installed, recent, logged in), blumeops.yaml and the Git remote')
    .addHelpText('after', '\nExit 1 when a check fails.\n\nExamples:\n  blumeops doctor\n  blumeops doctor --offline --json')
    .action(act(async (options: { repo?: string; offline: boolean; json: boolean; color: boolean }) => (await import('./doctor-command.js')).doctorCommand(options)));

  program
    .command('completion')
    .argument('<shell>', 'bash, fish or zsh')
    .description('print a shell completion script: commands, flags, layer names and ArgoCD app names')
    .addHelpText('after', '\nExample:\n  blumeops completion fish > ~/.config/fish/completions/blumeops.fish\n\nInstall:\n  bash: source <(blumeops completion bash)      # in ~/.bashrc\n  zsh:  blumeops completion zsh > "${fpath[1]}/_blumeops"\n  fish: blumeops completion fish > ~/.config/fish/completions/blumeops.fish')
    .action(act(async (shell: string) => (await import('./completion-command.js')).completionCommand(shell, program)));

  program
    .command('__complete', { hidden: true })
    .argument('<what>', 'layers or apps')
    .argument('[args...]', 'apps: the layer')
    .option('-C, --repo <dir>', 'the infra repo')
    .option('--kind <kind>', 'layers: only layers of this kind')
    .action(act(async (what: string, args: string[], options: { repo?: string; kind?: string }) => (await import('./complete-command.js')).completeCommand(what, args, options)));

  return program;
}

function addKindVerbs(
  program: Command,
  kind: Reconciler<any>,
  request: (command: string, layers: string[], options: Options, extra?: Partial<RunInvocation>) => RunInvocation,
  act: <A extends unknown[]>(body: (...args: A) => Promise<number>) => (...args: A) => Promise<void>,
): void {
  for (const phase of ['plan', 'apply'] as const) {
    const verb = kind.verbs[phase];
    const command = program.command(verb).argument('<layer>', `a ${kind.kind} layer`);
    if (kind.targets) command.argument(`[${kind.targets.noun}s...]`, `only these ${kind.targets.noun}s`);
    for (const option of kind.options ?? []) command.option(option.flags, option.description);
    // Options blumeops does not know go to the tool, so the old task names keep working as wrappers
    // (`mise run tailnet-up -- --diff` → `blumeops up tailnet --diff` → `pulumi up … --diff`).
    command.allowUnknownOption(true).allowExcessArguments(true);
    withRunFlags(command, phase === 'apply')
      .description(`${phase === 'plan' ? 'show what would change in' : 'plan, ask, and apply'} ${article(kind.kind)} ${kind.kind} layer`)
      .addHelpText(
        'after',
        `\nOptions blumeops does not know, and everything after \`--\`, go to ${kind.tools[0]?.name ?? kind.kind} unchanged.\n\nExample:\n  blumeops ${verb} <layer>${kind.targets ? ` [${kind.targets.noun}…]` : ''} -- <arguments for ${kind.tools[0]?.name ?? kind.kind}>`,
      )
      .action(
        act(async (layer: string, ...rest: unknown[]) => {
          const options = (kind.targets ? rest[1] : rest[0]) as Options;
          const { targets, toolArgs } = splitOperands((rest.at(-1) as Command).args.slice(1), Boolean(kind.targets), verb);
          const kindOptions = Object.fromEntries((kind.options ?? []).map((option) => optionKey(option.flags)).map((key) => [key, options[key]]));
          const run = request(verb, [layer], options, { targets, kindOptions, expect: { kind: kind.kind, phase } });
          const invocation = { ...run, extraArgs: [...toolArgs, ...run.extraArgs] };
          return phase === 'plan' ? (await import('./plan-command.js')).planCommand(invocation) : (await import('./apply-command.js')).applyCommand(invocation);
        }),
      );
  }
}

/** After the layer: sub-unit names (when the kind has them), then, from the first option on, the tool's arguments. */
function splitOperands(operands: readonly string[], hasTargets: boolean, verb: string): { targets: string[]; toolArgs: string[] } {
  const firstOption = operands.findIndex((operand) => operand.startsWith('-'));
  const names = firstOption === -1 ? [...operands] : operands.slice(0, firstOption);
  const toolArgs = firstOption === -1 ? [] : operands.slice(firstOption);
  if (!hasTargets && names.length > 0) {
    throw new BlumeopsError(`too many arguments for '${verb}': ${names.join(' ')}`, { hint: `${verb} takes one layer; arguments for the tool start with an option, or come after \`--\`` });
  }
  return { targets: names, toolArgs };
}

/** `--format json` is the same as `--json`. */
function formatFlags(options: Options): Options {
  if (options.format === 'json') return { ...options, json: true };
  return options;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** '--allow-unpushed' → 'allowUnpushed', as commander names it. */
function optionKey(flags: string): string {
  const long = flags.split(/[ ,]+/).find((part) => part.startsWith('--')) ?? flags;
  return long.replace(/^--(no-)?/, '').replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
