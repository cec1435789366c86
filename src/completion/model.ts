import type { Argument, Command, Option } from 'commander';
import type { Reconciler } from '../reconciler.js';

/** The shells `blumeops completion` writes scripts for. */
export const SHELLS = ['bash', 'fish', 'zsh'] as const;
export type Shell = (typeof SHELLS)[number];

/**
 * What an argument completes to: layer names (of `layerKind` when set), the sub-units of the layer
 * given at `layerIndex` (ArgoCD apps: `blumeops __complete apps LAYER`), fixed `choices`, the
 * program's command names, or nothing.
 */
export type ArgumentKind = 'layers' | 'apps' | 'choices' | 'commands' | 'none';

export interface ModelArgument {
  name: string;
  kind: ArgumentKind;
  required: boolean;
  /** Repeats: the last argument only. */
  variadic: boolean;
  /** kind 'layers': only layers of this kind (the command is a kind's verb). */
  layerKind?: string;
  /** kind 'apps': the 0-based position of the layer argument the apps belong to. */
  layerIndex?: number;
  /** kind 'choices'. */
  choices?: string[];
}

export interface ModelOption {
  /** As commander has it: `-C, --repo <dir>`. */
  flags: string;
  short?: string;
  long?: string;
  description: string;
  takesValue: boolean;
  /** The value's name: `dir` in `--repo <dir>`. */
  valueName?: string;
  /** The value is a directory (`<dir>`): the shell completes directories. */
  directory: boolean;
  choices?: string[];
}

export interface ModelCommand {
  name: string;
  aliases: string[];
  description: string;
  options: ModelOption[];
  args: ModelArgument[];
}

export interface CompletionModel {
  /** The program's name: `blumeops`. */
  program: string;
  /** The program's own options (before a command). */
  options: ModelOption[];
  /** Every visible command (hidden ones such as `__complete` are left out). */
  commands: ModelCommand[];
}

/**
 * Reads the completion model off the commander tree. Arguments named `layers`/`layer` take layer
 * names; a kind's verb (from the registry) narrows them to its kind; `<noun>s` after a layer (a kind's
 * `targets.noun`) takes that layer's sub-units; `shell` takes the shells; `command` the command names.
 */
export function buildModel(program: Command, registry: readonly Reconciler<any>[]): CompletionModel {
  const help = program.createHelp();
  return {
    program: program.name(),
    options: help.visibleOptions(program).map(modelOption),
    commands: help.visibleCommands(program).map((command) => {
      const kind = registry.find((candidate) => candidate.verbs.plan === command.name() || candidate.verbs.apply === command.name());
      return {
        name: command.name(),
        aliases: command.aliases(),
        description: firstLine(help.subcommandDescription(command)),
        options: help.visibleOptions(command).map(modelOption),
        args: command.registeredArguments.map((argument, index, all) => modelArgument(argument, index, all, kind)),
      };
    }),
  };
}

function modelArgument(argument: Argument, index: number, all: readonly Argument[], kind: Reconciler<any> | undefined): ModelArgument {
  const name = argument.name();
  const base = { name, required: argument.required, variadic: argument.variadic };
  if (argument.argChoices) return { ...base, kind: 'choices', choices: [...argument.argChoices] };
  if (name === 'layers' || name === 'layer') return { ...base, kind: 'layers', ...(kind ? { layerKind: kind.kind } : {}) };
  const layerIndex = all.slice(0, index).findIndex((earlier) => earlier.name() === 'layer');
  const targets = kind?.targets ? `${kind.targets.noun}s` : 'apps';
  if (name === targets && layerIndex !== -1) return { ...base, kind: 'apps', layerIndex };
  if (name === 'shell') return { ...base, kind: 'choices', choices: [...SHELLS] };
  if (name === 'command') return { ...base, kind: 'commands' };
  return { ...base, kind: 'none' };
}

function modelOption(option: Option): ModelOption {
  const valueName = /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1]?.replace(/\.\.\.$/, '');
  return {
    flags: option.flags,
    ...(option.short ? { short: option.short } : {}),
    ...(option.long ? { long: option.long } : {}),
    description: firstLine(option.description),
    takesValue: option.required || option.optional,
    ...(valueName ? { valueName } : {}),
    directory: valueName === 'dir' || valueName === 'directory',
    ...(option.argChoices ? { choices: [...option.argChoices] } : {}),
  };
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}

/** Every name a command answers to, for matching a typed word. */
export function namesOf(command: ModelCommand): string[] {
  return [command.name, ...command.aliases];
}

/** The option words (`-C`, `--repo`) of a list of options. */
export function optionWords(options: readonly ModelOption[], onlyWithValue = false): string[] {
  return options.filter((option) => !onlyWithValue || option.takesValue).flatMap((option) => [option.short, option.long].filter((word): word is string => Boolean(word)));
}

/**
 * An argument as one shell word for the bash and fish scripts: `layers`, `layers=pulumi`, `apps:0`,
 * `choice=bash,fish,zsh`, `commands` or `none`, with `...` when it repeats.
 */
export function encodeArgument(argument: ModelArgument): string {
  const base =
    argument.kind === 'layers'
      ? `layers${argument.layerKind ? `=${argument.layerKind}` : ''}`
      : argument.kind === 'apps'
        ? `apps:${argument.layerIndex ?? 0}`
        : argument.kind === 'choices'
          ? `choice=${(argument.choices ?? []).join(',')}`
          : argument.kind;
  return `${base}${argument.variadic ? '...' : ''}`;
}
