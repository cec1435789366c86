import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registry } from './index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const folders = readdirSync(here).filter((name) => statSync(path.join(here, name)).isDirectory());
const GENERIC_COMMANDS = ['plan', 'apply', 'status', 'history', 'layers', 'init', 'doctor', 'completion', 'unlock', 'rollback', 'context', 'watch', 'help'];

describe('the kind registry (one folder per kind)', () => {
  it('registers every folder under layers/, alphabetically, with kind = folder name', () => {
    expect(registry.map((kind) => kind.kind)).toEqual([...folders].sort());
  });

  it.each(folders)('%s has its README, index, schema and parse files', (folder) => {
    for (const file of ['README.md', 'index.ts', 'schema.ts', 'parse.ts']) expect(existsSync(path.join(here, folder, file)), `${folder}/${file}`).toBe(true);
  });

  it('has verbs that collide neither with each other nor with a generic command', () => {
    const verbs = registry.flatMap((kind) => [kind.verbs.plan, kind.verbs.apply]);
    expect(new Set(verbs).size).toBe(verbs.length);
    for (const verb of verbs) expect(GENERIC_COMMANDS).not.toContain(verb);
  });

  it.each(registry.map((kind) => [kind.kind, kind] as const))('%s declares tools with install hints and a strict schema', async (_name, kind) => {
    expect(kind.tools.length).toBeGreaterThan(0);
    for (const tool of kind.tools) expect(tool.install).not.toBe('');
    const schema = (await kind.loadSchema()) as unknown as ZodLike & { safeParse(value: unknown): { success: boolean; error?: { issues: { code: string; keys?: string[] }[] } } };
    // Missing required keys fail any object; only a strict one names the unknown key.
    const issues = schema.safeParse({ surelyNotAKey: 1 }).error?.issues ?? [];
    expect(issues.filter((issue) => issue.code === 'unrecognized_keys').flatMap((issue) => issue.keys)).toEqual(['surelyNotAKey']);
    expect(nonStrictObjects(schema, kind.kind), 'objects that accept unknown keys').toEqual([]);
  });
});

interface ZodLike {
  _zod: { def: Record<string, unknown> & { type: string } };
}

/** Every object schema reachable from `schema` (through wrappers, arrays, unions) that is not strict. */
function nonStrictObjects(schema: ZodLike, at: string): string[] {
  const def = schema._zod.def;
  const inner = (key: string) => (def[key] ? nonStrictObjects(def[key] as ZodLike, at) : []);
  switch (def.type) {
    case 'object': {
      const catchall = def.catchall as ZodLike | undefined;
      const own = catchall?._zod.def.type === 'never' ? [] : [at];
      return [...own, ...Object.entries(def.shape as Record<string, ZodLike>).flatMap(([key, value]) => nonStrictObjects(value, `${at}.${key}`))];
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner('innerType');
    case 'array':
      return nonStrictObjects(def.element as ZodLike, `${at}[]`);
    case 'union':
      return (def.options as ZodLike[]).flatMap((option) => nonStrictObjects(option, at));
    case 'intersection':
      return [...inner('left'), ...inner('right')];
    case 'pipe':
      return inner('in');
    case 'record':
      return nonStrictObjects(def.valueType as ZodLike, `${at}.*`);
    default:
      return [];
  }
}
