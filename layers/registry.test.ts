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
    const schema = (await kind.loadSchema()) as { shape?: object; safeParse(value: unknown): { success: boolean } };
    expect(schema.shape).toBeDefined();
    expect(schema.safeParse({ surelyNotAKey: 1 }).success).toBe(false);
  });
});
