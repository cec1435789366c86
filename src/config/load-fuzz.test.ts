import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registry } from '../../layers/index.js';
import { BlumeopsError } from '../errors.js';
import { parseConfig, type Config } from './load.js';

/**
 * Property: whatever a person (or a bad merge) does to a valid blumeops.yaml, loading it gives a valid
 * config or a BlumeopsError that points at file:line:col, never another exception (an "internal error"
 * with a stack). Mutations: lines deleted, duplicated, swapped, re-indented or cut; keys renamed; values
 * retyped, huge or deeply nested; YAML features (anchors, aliases, merge keys, tags, documents); random bytes.
 */
const HOMELAB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/homelab');
const FILE = path.join(HOMELAB, 'blumeops.yaml');
const VALID = readFileSync(FILE, 'utf8');

const KEYS = ['version', 'layers', 'kind', 'needs', 'env', 'paths', 'timeout', 'dir', 'stack', 'refresh', 'playbook', 'inventory', 'limit', 'tags', 'apps', 'root', 'server', 'prune', 'wait'];
const SCALARS = ['1', '0', '-1', '1e309', '0x1F', '.nan', '-.inf', 'true', 'no', 'null', '~', '""', "''", 'pulumi', 'ansible', 'argocd', '30m', '0s', '99999999999d', 'op://', '[]', '{}', '[tailnet, tailnet]', '{a: 1}', '- x', '|\n  block', '>-', '!!binary aGk=', '!custom x', '!!str 1', '!!int x', '*nowhere', '&anchor x', '<<: *a', '"\\u0000"', '"\\uD800"', '`', '@', '%', '? complex', ': x', '- - -'];
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'TAILNET', 'tail net', '-x', '1', '', 'ü', 'layers', 'kind', 'a'.repeat(300)];

type Mutation = (lines: string[]) => string[];

const lineIndex = fc.nat();
const pick = <T,>(items: readonly T[]) => fc.constantFrom(...items);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  lineIndex.map((at): Mutation => (lines) => lines.filter((_, index) => index !== at % lines.length)),
  lineIndex.map((at): Mutation => (lines) => lines.flatMap((line, index) => (index === at % lines.length ? [line, line] : [line]))),
  fc.tuple(lineIndex, lineIndex).map(([a, b]): Mutation => (lines) => {
    const copy = [...lines];
    [copy[a % copy.length], copy[b % copy.length]] = [copy[b % copy.length], copy[a % copy.length]];
    return copy;
  }),
  fc.tuple(lineIndex, fc.integer({ min: -4, max: 6 }), fc.boolean()).map(([at, shift, tab]): Mutation => (lines) =>
    lines.map((line, index) => (index !== at % lines.length ? line : shift < 0 ? line.slice(-shift) : `${(tab ? '\t' : ' ').repeat(shift)}${line}`)),
  ),
  fc.tuple(lineIndex, pick(SCALARS)).map(([at, value]): Mutation => (lines) => retype(lines, at, value)),
  fc.tuple(lineIndex, fc.string({ maxLength: 40 })).map(([at, value]): Mutation => (lines) => retype(lines, at, JSON.stringify(value))),
  fc.tuple(lineIndex, pick([...KEYS, ...NAMES])).map(([at, key]): Mutation => (lines) => renameKey(lines, at, key)),
  fc.tuple(lineIndex, pick([...KEYS, ...NAMES]), pick(SCALARS), fc.integer({ min: 0, max: 6 })).map(([at, key, value, indent]): Mutation => (lines) => [
    ...lines.slice(0, at % (lines.length + 1)),
    `${' '.repeat(indent)}${key}: ${value}`,
    ...lines.slice(at % (lines.length + 1)),
  ]),
  fc.tuple(lineIndex, fc.integer({ min: 1, max: 100_000 })).map(([at, size]): Mutation => (lines) => retype(lines, at, 'x'.repeat(size))),
  fc.tuple(lineIndex, fc.integer({ min: 1, max: 1500 }), fc.boolean()).map(([at, depth, flow]): Mutation => (lines) =>
    retype(lines, at, flow ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`),
  ),
  fc.nat().map((at): Mutation => (lines) => lines.join('\n').slice(0, at % (lines.join('\n').length + 1)).split('\n')),
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 20 })).map(([at, junk]): Mutation => (lines) => {
    const text = lines.join('\n');
    const cut = at % (text.length + 1);
    return `${text.slice(0, cut)}${junk}${text.slice(cut)}`.split('\n');
  }),
  pick(['---', '...', '%YAML 1.1', '--- !!map', '&a', '*a']).chain((marker) => lineIndex.map((at): Mutation => (lines) => [...lines.slice(0, at % lines.length), marker, ...lines.slice(at % lines.length)])),
);

/** Replaces the value of the line's `key: value` (or the whole line when it has no key). */
function retype(lines: string[], at: number, value: string): string[] {
  const index = at % lines.length;
  const match = /^(\s*(?:- )?[^:#]+:)\s*.*$/.exec(lines[index]);
  const copy = [...lines];
  copy[index] = match ? `${match[1]} ${value}` : value;
  return copy;
}

function renameKey(lines: string[], at: number, key: string): string[] {
  const index = at % lines.length;
  const copy = [...lines];
  copy[index] = copy[index].replace(/^(\s*)[^:#\s][^:#]*:/, `$1${key}:`);
  return copy;
}

/** Loads `text`: a config, or the BlumeopsError it raised; any other exception fails the property. */
async function load(text: string): Promise<Config | BlumeopsError> {
  try {
    return await parseConfig(text, FILE, registry);
  } catch (error) {
    if (error instanceof BlumeopsError) return error;
    throw new Error(`not a BlumeopsError: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, { cause: error });
  }
}

function checkOutcome(outcome: Config | BlumeopsError, text: string): void {
  if (outcome instanceof BlumeopsError) {
    const lineCount = text.split('\n').length;
    expect(outcome.message).toMatch(/^blumeops\.yaml:\d+:\d+: /);
    expect(outcome.location?.line).toBeGreaterThanOrEqual(1);
    expect(outcome.location?.line).toBeLessThanOrEqual(lineCount + 1);
    expect(outcome.location?.col).toBeGreaterThanOrEqual(1);
    expect(outcome.message.length, 'a message a person can read').toBeLessThan(2_000);
    expect(outcome.message).not.toMatch(/\[object Object\]|undefined/);
    return;
  }
  for (const layer of outcome.layers) {
    expect(layer.name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(Number.isFinite(layer.timeoutMs) && layer.timeoutMs > 0, `timeout ${layer.timeout}`).toBe(true);
    expect(Array.isArray(layer.needs) && Array.isArray(layer.paths)).toBe(true);
    for (const value of Object.values(layer.env)) expect(typeof value).toBe('string');
  }
}

describe('what the fuzzing found, kept as examples', () => {
  const layer = (value: string) => `version: 1\nlayers:\n  tailnet:\n    kind: pulumi\n    dir: ${value}\n    stack: s\n`;

  it('an alias without its anchor is a positioned error, not a ReferenceError', async () => {
    const outcome = await load(layer('*nowhere'));
    expect(outcome).toBeInstanceOf(BlumeopsError);
    expect((outcome as BlumeopsError).message).toBe('blumeops.yaml:5:10: YAML alias error: Unresolved alias: nowhere');
  });

  it('a merge key whose value is no mapping is a positioned error, not the yaml library\'s Error', async () => {
    const outcome = await load(`version: 1\nlayers:\n  tailnet:\n    <<: x\n    kind: pulumi\n    dir: d\n    stack: s\n`);
    expect(outcome).toBeInstanceOf(BlumeopsError);
    expect((outcome as BlumeopsError).message).toBe('blumeops.yaml:4:5: YAML merge key error: `<<` takes a mapping or an alias of one (`<<: *defaults`)');
  });

  it('an alias bomb is a positioned error', async () => {
    const rows = ['x: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]', ...Array.from({ length: 12 }, (_, index) => `x${index + 1}: &a${index + 1} [${Array(10).fill(`*a${index}`).join(', ')}]`)];
    const outcome = await load(`version: 1\n${rows.join('\n')}\nlayers: {}\n`);
    expect(outcome).toBeInstanceOf(BlumeopsError);
    expect((outcome as BlumeopsError).message).toMatch(/^blumeops\.yaml:\d+:\d+: YAML alias error: Excessive alias count/);
  });

  it('a huge value or key is clipped in the message', async () => {
    const outcome = await load(`version: 1\nlayers:\n  tailnet:\n    kind: ${'k'.repeat(100_000)}\n`);
    expect((outcome as BlumeopsError).message).toBe(`blumeops.yaml:4:11: layers.tailnet.kind: unknown kind "${'k'.repeat(80)}… (100000 characters)"`);
  });

  it('nesting deeper than the parser can follow is a positioned error', async () => {
    const outcome = await load(layer(`${'['.repeat(20_000)}${']'.repeat(20_000)}`));
    expect((outcome as BlumeopsError).message).toMatch(/^blumeops\.yaml:5:\d+: YAML syntax error: nested too deeply$/);
  });
});

describe('blumeops.yaml loader under random mutations', () => {
  it('loads the unmutated example', async () => {
    const outcome = await load(VALID);
    expect(outcome).not.toBeInstanceOf(BlumeopsError);
  });

  // Bounded for the suite (400 runs or 3 s); FUZZ_RUNS=5000 FUZZ_MS=600000 (and --testTimeout) search longer.
  it('gives a valid config or a positioned BlumeopsError, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        // A mutation may leave no line at all (a cut, then a deleted line): the next one gets one empty line.
        const text = mutations.reduce((lines, mutate) => mutate(lines.length > 0 ? lines : ['']), VALID.split('\n')).join('\n');
        try {
          checkOutcome(await load(text), text);
        } catch (error) {
          const shown = text.length > 1500 ? `${text.slice(0, 1500)}… (${text.length} characters)` : text;
          throw new Error(`${(error as Error).message}\n--- the mutated blumeops.yaml ---\n${shown}`, { cause: error });
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), interruptAfterTimeLimit: Number(process.env.FUZZ_MS ?? 3_000) },
    );
  });
});
