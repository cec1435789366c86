import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Reconciler } from '../reconciler.js';
import { buildModel, encodeArgument } from './model.js';

const argocd = { kind: 'argocd', verbs: { plan: 'diff', apply: 'sync' }, targets: { noun: 'app' } } as unknown as Reconciler<any>;

function program(): Command {
  const root = new Command('blumeops').version('1.0.0', '-V, --version');
  root.command('plan').description('show what would change\nsecond line').argument('[layers...]', 'layers').option('-C, --repo <dir>', 'the infra repo').option('--json', 'json').option('--format <format>', 'format');
  root.commands.at(-1)!.options.at(-1)!.choices(['text', 'json']);
  root.command('sync').argument('<layer>', 'a layer').argument('[apps...]', 'apps').option('--no-color', 'no colours');
  root.command('history').alias('log').argument('[layer]', 'a layer').option('-n, --limit <n>', 'at most');
  root.command('completion').argument('<shell>', 'the shell');
  root.command('__complete', { hidden: true }).argument('<what>');
  return root;
}

describe('buildModel', () => {
  const model = buildModel(program(), [argocd]);
  const command = (name: string) => model.commands.find((candidate) => candidate.name === name)!;

  it('lists the visible commands (not hidden ones), with their first description line and aliases', () => {
    expect(model.commands.map((candidate) => candidate.name)).toEqual(['plan', 'sync', 'history', 'completion', 'help']);
    expect(command('plan').description).toBe('show what would change');
    expect(command('history').aliases).toEqual(['log']);
  });

  it('reads options: value names, directories, choices, the help option', () => {
    expect(command('plan').options).toEqual([
      { flags: '-C, --repo <dir>', short: '-C', long: '--repo', description: 'the infra repo', takesValue: true, valueName: 'dir', directory: true },
      { flags: '--json', long: '--json', description: 'json', takesValue: false, directory: false },
      { flags: '--format <format>', long: '--format', description: 'format', takesValue: true, valueName: 'format', directory: false, choices: ['text', 'json'] },
      { flags: '-h, --help', short: '-h', long: '--help', description: 'display help for command', takesValue: false, directory: false },
    ]);
    expect(model.options.map((option) => option.long)).toEqual(['--version', '--help']);
  });

  it('recognises layer arguments, a verb\'s kind, apps after a layer, shells and command names', () => {
    expect(command('plan').args.map(encodeArgument)).toEqual(['layers...']);
    expect(command('sync').args.map(encodeArgument)).toEqual(['layers=argocd', 'apps:0...']);
    expect(command('history').args.map(encodeArgument)).toEqual(['layers']);
    expect(command('completion').args.map(encodeArgument)).toEqual(['choice=bash,fish,zsh']);
    expect(command('help').args.map(encodeArgument)).toEqual(['commands']);
  });
});
