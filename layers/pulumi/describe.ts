/**
 * `blumeops context` for a pulumi layer: the project, the stack and what the program declares —
 * read from Pulumi.yaml without running pulumi (context must be cheap and work offline).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { LayerContext, LayerDescription } from '../../src/reconciler.js';
import type { PulumiConfig } from './schema.js';

export async function describePulumi(ctx: LayerContext<PulumiConfig>): Promise<LayerDescription> {
  const { dir, stack } = ctx.config;
  const text = await readFile(path.join(ctx.dir, dir, 'Pulumi.yaml'), 'utf8').catch(() => undefined);
  if (text === undefined) return { summary: `Pulumi project in ${dir} (no Pulumi.yaml found), stack ${stack}`, facts: [] };
  const program = (parse(text) ?? {}) as { name?: string; runtime?: unknown; description?: string; resources?: Record<string, { type?: string }> };
  const runtime = typeof program.runtime === 'string' ? program.runtime : ((program.runtime as { name?: string } | undefined)?.name ?? 'unknown');
  const resources = Object.entries(program.resources ?? {});
  const facts = [`runtime: ${runtime}`];
  if (program.description) facts.push(`description: ${program.description}`);
  if (resources.length > 0) facts.push(`declares ${resources.length} resource${resources.length === 1 ? '' : 's'} (YAML program)`);
  return {
    summary: `Pulumi project ${program.name ?? '(unnamed)'} in ${dir}, stack ${stack}`,
    facts,
    detail: resources.map(([name, resource]) => `${resource.type ?? 'unknown type'} ${name}`),
  };
}
