// A cobra/pflag-alike argument parser: find the command words first, then parse
// every flag against that command's flags plus the global ones.

import { COMMANDS, GLOBAL_FLAGS, allFlagSpecs, childCommand } from './commands.mjs';
import { PulumiError } from './runtime.mjs';

const ROOT_FLAGS = [{ long: 'version', short: null, kind: 'bool', usage: 'version for pulumi' }];

function takesValue(spec) {
  return spec.kind === 'string' || spec.kind === 'int' || spec.kind === 'array';
}

function indexSpecs(specs) {
  const byLong = new Map();
  const byShort = new Map();
  // Later (command-local) specs override earlier (global) ones, as in cobra.
  for (const spec of specs) {
    byLong.set(spec.long, spec);
    if (spec.short) byShort.set(spec.short, spec);
  }
  return { byLong, byShort };
}

function specOfToken(token, index) {
  if (token.startsWith('--')) return index.byLong.get(token.slice(2));
  if (token.length === 2) return index.byShort.get(token[1]);
  return undefined;
}

/** First pass (cobra's stripFlags + Find): which argv positions are command words. */
function locateCommand(argv) {
  const union = indexSpecs(allFlagSpecs());
  const names = [];
  const wordIdx = new Set();
  let node = null;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-') && a !== '-') {
      if (a.includes('=')) continue;
      const local = indexSpecs([...GLOBAL_FLAGS, ...(node ? node.flags : ROOT_FLAGS)]);
      const spec = specOfToken(a, local) ?? specOfToken(a, union);
      if (spec && takesValue(spec)) i += 1;
      continue;
    }
    const child = node === null || node.children ? childCommand(node, a) : null;
    if (!child) break;
    names.push(child.name);
    node = child.spec;
    wordIdx.add(i);
  }
  return { names, node, wordIdx };
}

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

function flagLabel(spec) {
  return spec.short ? `-${spec.short}, --${spec.long}` : `--${spec.long}`;
}

function setValue(flags, spec, raw) {
  if (spec.kind === 'bool') {
    if (TRUE.has(raw)) flags[spec.long] = true;
    else if (FALSE.has(raw)) flags[spec.long] = false;
    else throw new PulumiError('invocation', `invalid argument "${raw}" for "${flagLabel(spec)}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
  } else if (spec.kind === 'int') {
    if (!/^[+-]?\d+$/.test(raw)) {
      throw new PulumiError('invocation', `invalid argument "${raw}" for "${flagLabel(spec)}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
    }
    flags[spec.long] = Number(raw);
  } else if (spec.kind === 'array') {
    (flags[spec.long] ??= []).push(raw);
  } else {
    flags[spec.long] = raw;
  }
}

/**
 * Parse argv into { path: 'stack select', node, flags: {long: value}, args: [] }.
 * Throws PulumiError('invocation') with pflag/cobra wording on bad input.
 */
export function parseArgs(argv) {
  const { names, node, wordIdx } = locateCommand(argv);
  const index = indexSpecs([...GLOBAL_FLAGS, ...(node ? node.flags : ROOT_FLAGS)]);
  const flags = {};
  const args = [];
  for (let i = 0; i < argv.length; i += 1) {
    if (wordIdx.has(i)) continue;
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      const spec = index.byLong.get(name);
      if (!spec) throw new PulumiError('invocation', `unknown flag: --${name}`);
      if (eq !== -1) setValue(flags, spec, a.slice(eq + 1));
      else if (spec.kind === 'bool') flags[spec.long] = true;
      else if (spec.kind === 'implicit') flags[spec.long] = 'true';
      else if (i + 1 < argv.length) setValue(flags, spec, argv[(i += 1)]);
      else throw new PulumiError('invocation', `flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      const shorts = a.slice(1);
      for (let j = 0; j < shorts.length; j += 1) {
        const c = shorts[j];
        const spec = index.byShort.get(c);
        if (!spec) throw new PulumiError('invocation', `unknown shorthand flag: '${c}' in ${a}`);
        const rest = shorts.slice(j + 1);
        if (spec.kind === 'bool' || spec.kind === 'implicit') {
          if (rest.startsWith('=')) {
            if (spec.kind === 'bool') setValue(flags, spec, rest.slice(1));
            else flags[spec.long] = rest.slice(1);
            break;
          }
          flags[spec.long] = spec.kind === 'bool' ? true : 'true';
          continue;
        }
        if (rest.length > 0) setValue(flags, spec, rest.startsWith('=') ? rest.slice(1) : rest);
        else if (i + 1 < argv.length) setValue(flags, spec, argv[(i += 1)]);
        else throw new PulumiError('invocation', `flag needs an argument: '${c}' in -${c}`);
        break;
      }
      continue;
    }
    args.push(a);
  }
  const path = names.join(' ');
  if (!flags.help && !flags.version) checkArgs(node, path, args);
  return { path, node, flags, args };
}

function checkArgs(node, path, args) {
  if (args.length === 0) return;
  if (!node) throw new PulumiError('invocation', `unknown command "${args[0]}" for "pulumi"`);
  if (node.maxArgs === 0) throw new PulumiError('invocation', `unknown command "${args[0]}" for "pulumi ${path}"`);
  if (args.length > node.maxArgs) {
    throw new PulumiError('invocation', `accepts at most ${node.maxArgs} arg(s), received ${args.length}`);
  }
}

/** Usage text for `--help` (shortened but shaped like cobra's). */
export function helpText(path, node) {
  const lines = [];
  if (!node) {
    lines.push('Pulumi - Modern Infrastructure as Code (emulator)', '', 'Usage:', '  pulumi [command]', '', 'Available Commands:');
    for (const [name, spec] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(12)} ${spec.short}`);
  } else {
    lines.push(node.short, '', 'Usage:', `  pulumi ${path}${node.children ? ' [command]' : ' [flags]'}`);
    if (node.children) {
      lines.push('', 'Available Commands:');
      for (const [name, spec] of Object.entries(node.children)) lines.push(`  ${name.padEnd(12)} ${spec.short}`);
    }
    if (node.flags.length) {
      lines.push('', 'Flags:');
      for (const spec of node.flags) lines.push(`  ${flagColumn(spec).padEnd(34)} ${spec.usage}`);
    }
  }
  lines.push('', 'Global Flags:');
  for (const spec of GLOBAL_FLAGS) lines.push(`  ${flagColumn(spec).padEnd(34)} ${spec.usage}`);
  return `${lines.join('\n')}\n`;
}

function flagColumn(spec) {
  const short = spec.short ? `-${spec.short}, ` : '    ';
  const value = takesValue(spec) ? ` ${spec.kind}` : spec.kind === 'implicit' ? ' string[="true"]' : '';
  return `${short}--${spec.long}${value}`;
}
