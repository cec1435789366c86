// A pflag-style parser: `--name value`, `--name=value`, `-o json`, `-ojson`, `--bool`,
// `--bool=false`, `--` ends flags, flags anywhere among positionals. Errors read like cobra's.
import { UsageError } from './errors.mjs';

/** Persistent flags of the root command (cmd/argocd/commands/root.go). */
export const GLOBAL_FLAGS = [
  { name: 'server', type: 'string' },
  { name: 'auth-token', type: 'string' },
  { name: 'grpc-web', type: 'bool' },
  { name: 'grpc-web-root-path', type: 'string' },
  { name: 'insecure', type: 'bool' },
  { name: 'plaintext', type: 'bool' },
  { name: 'core', type: 'bool' },
  { name: 'port-forward', type: 'bool' },
  { name: 'port-forward-namespace', type: 'string' },
  { name: 'config', type: 'string' },
  { name: 'argocd-context', type: 'string' },
  { name: 'kube-context', type: 'string' },
  { name: 'logformat', type: 'string', default: 'text' },
  { name: 'loglevel', type: 'string', default: 'info' },
  { name: 'header', short: 'H', type: 'array', split: true },
  { name: 'http-retry-max', type: 'int', default: 0 },
  { name: 'prompts-enabled', type: 'bool' },
  { name: 'client-crt', type: 'string' },
  { name: 'client-crt-key', type: 'string' },
  { name: 'server-crt', type: 'string' },
  { name: 'server-name', type: 'string' },
  { name: 'redis-haproxy-name', type: 'string' },
  { name: 'redis-name', type: 'string' },
  { name: 'repo-server-name', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
];

const BOOL_WORDS = new Map([
  ['1', true], ['t', true], ['T', true], ['true', true], ['TRUE', true], ['True', true],
  ['0', false], ['f', false], ['F', false], ['false', false], ['FALSE', false], ['False', false],
]);

function convert(spec, raw, shown) {
  if (spec.type === 'bool') {
    if (!BOOL_WORDS.has(raw)) {
      throw new UsageError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
    }
    return BOOL_WORDS.get(raw);
  }
  if (spec.type === 'int') {
    if (!/^[+-]?\d+$/.test(raw)) {
      throw new UsageError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
    }
    return Number(raw);
  }
  return raw;
}

function display(spec) {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

function assign(values, spec, value) {
  if (spec.type === 'array') (values[spec.name] ??= []).push(...(spec.split ? value.split(',') : [value]));
  else values[spec.name] = value;
}

/**
 * Parse argv against `specs` ({name, short?, type: bool|string|int|array, default?, split?}).
 * Returns { values, args } where values has every flag (defaults filled) and args the positionals.
 */
export function parseFlags(argv, specs) {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short, s]));
  const values = {};
  const args = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = token.slice(2, eq < 0 ? undefined : eq);
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown flag: --${name}`);
      if (eq >= 0) assign(values, spec, convert(spec, token.slice(eq + 1), display(spec)));
      else if (spec.type === 'bool') values[spec.name] = true;
      else if (i + 1 < argv.length) assign(values, spec, convert(spec, argv[++i], display(spec)));
      else throw new UsageError(`flag needs an argument: --${name}`);
    } else if (token.startsWith('-') && token.length > 1) {
      for (let j = 1; j < token.length; j++) {
        const c = token[j];
        const spec = byShort.get(c);
        if (!spec) throw new UsageError(`unknown shorthand flag: '${c}' in ${token}`);
        const rest = token.slice(j + 1);
        if (spec.type === 'bool') {
          if (rest.startsWith('=')) {
            values[spec.name] = convert(spec, rest.slice(1), display(spec));
            break;
          }
          values[spec.name] = true;
          continue;
        }
        if (rest) assign(values, spec, convert(spec, rest.replace(/^=/, ''), display(spec)));
        else if (i + 1 < argv.length) assign(values, spec, convert(spec, argv[++i], display(spec)));
        else throw new UsageError(`flag needs an argument: '${c}' in -${c}`);
        break;
      }
    } else {
      args.push(token);
    }
  }
  for (const spec of specs) {
    if (!(spec.name in values)) values[spec.name] = spec.type === 'array' ? [] : spec.default ?? (spec.type === 'bool' ? false : spec.type === 'int' ? 0 : '');
  }
  return { values, args };
}

/** Names of flags that take a value, so the command finder can skip their values. */
export function valueFlagTokens(specLists) {
  const long = new Set();
  const short = new Set();
  for (const specs of specLists) {
    for (const s of specs) {
      if (s.type === 'bool') continue;
      long.add(`--${s.name}`);
      if (s.short) short.add(`-${s.short}`);
    }
  }
  return { long, short };
}
