import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z, ZodType } from 'zod';
import { BlumeopsError } from '../errors.js';
import { parseDuration } from '../duration.js';
import type { Reconciler } from '../reconciler.js';
import { didYouMean } from '../suggest.js';
import { COMMON_KEYS, CommonLayer, ConfigFile, LAYER_NAME } from './common.js';
import { clip, issueToError, showPath, type IssueContext } from './issues.js';
import { positionOf } from './positions.js';
import { yamlData } from './yaml-data.js';

/** One validated layer: the common keys, and the kind's own config parsed by its schema. */
export interface LayerConfig {
  name: string;
  kind: string;
  reconciler: Reconciler<unknown>;
  needs: string[];
  env: Record<string, string>;
  /** Repo paths that affect the layer (explicit `paths`, else the kind's defaults). */
  paths: string[];
  timeout: string;
  timeoutMs: number;
  /** The kind's own keys, parsed. */
  config: unknown;
}

export interface Config {
  /** Absolute path of blumeops.yaml. */
  file: string;
  /** The infra repo root: the folder holding blumeops.yaml. */
  root: string;
  /** Layers in file order. */
  layers: LayerConfig[];
}

export type Registry = readonly Reconciler<any>[];

export async function loadConfig(file: string, registry: Registry): Promise<Config> {
  const text = await readFile(file, 'utf8');
  return parseConfig(text, file, registry);
}

export async function parseConfig(text: string, file: string, registry: Registry): Promise<Config> {
  const displayFile = path.basename(file);
  const lineCounter = new LineCounter();
  // YAML merge keys (`<<: *defaults`) are how people share keys between layers: resolved, not unknown keys.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const { line, col } = syntaxError.linePos?.[0] ?? lineCounter.linePos(syntaxError.pos[0]);
    const reason = syntaxError.message
      .split('\n')[0]
      .replace(/ at line \d+, column \d+:?$/, '')
      // The parser reports its own stack overflow as the error of the node it was in.
      .replace(/^Maximum call stack size exceeded$/, 'nested too deeply');
    throw new BlumeopsError(`${displayFile}:${line}:${col}: YAML syntax error: ${reason}`, {
      location: { file, line, col },
      hint: 'fix the YAML syntax at that position (indentation, a missing colon or quote)',
    });
  }

  const base = { file, displayFile, doc, lineCounter };
  const parsedFile = validate(ConfigFile, withoutExtensions(yamlData(doc, lineCounter, file, displayFile)), { ...base, basePath: [], allowedKeys: ['version', 'layers'] });
  const names = Object.keys(parsedFile.layers);
  const layers: LayerConfig[] = [];
  for (const name of names) {
    const at = (keyPath: (string | number)[], atKey = false) => positionOf(doc, lineCounter, ['layers', name, ...keyPath], atKey);
    if (!LAYER_NAME.test(name)) {
      const { line, col } = at([], true);
      throw new BlumeopsError(`${displayFile}:${line}:${col}: ${showPath(['layers', name])}: a layer name must match [a-z0-9][a-z0-9-]*`, {
        location: { file, line, col, keyPath: `layers.${name}` },
        hint: 'use lower-case letters, digits and dashes, e.g. "tailnet" or "indri"',
      });
    }
    layers.push(await parseLayer(name, parsedFile.layers[name], registry, { ...base, basePath: ['layers', name], allowedKeys: [] }));
  }
  checkNeeds(layers, names, { ...base });
  return { file, root: path.dirname(file), layers };
}

async function parseLayer(
  name: string,
  raw: Record<string, unknown>,
  registry: Registry,
  context: IssueContext,
): Promise<LayerConfig> {
  const { kind: _kind, needs: _needs, env: _env, paths: _paths, timeout: _timeout, ...own } = raw;
  const commonOnly = { kind: raw.kind, needs: raw.needs, env: raw.env, paths: raw.paths, timeout: raw.timeout };
  const common = validate(CommonLayer, commonOnly, { ...context, allowedKeys: COMMON_KEYS });
  const reconciler = registry.find((candidate) => candidate.kind === common.kind);
  if (!reconciler) {
    const { line, col } = positionOf(context.doc, context.lineCounter, [...context.basePath, 'kind']);
    const known = registry.map((candidate) => candidate.kind);
    const suggestion = didYouMean(common.kind, known);
    throw new BlumeopsError(`${context.displayFile}:${line}:${col}: ${showPath(['layers', name, 'kind'])}: unknown kind "${clip(common.kind)}"`, {
      location: { file: context.file, line, col, keyPath: `layers.${name}.kind` },
      hint: `${suggestion ? `${suggestion} ` : ''}known kinds: ${known.join(', ')}`,
    });
  }
  const schema = await reconciler.loadSchema();
  const ownKeys = Object.keys((schema as { shape?: Record<string, unknown> }).shape ?? {});
  const config = validate(schema, own, { ...context, allowedKeys: [...COMMON_KEYS, ...ownKeys] });
  return {
    name,
    kind: reconciler.kind,
    reconciler,
    needs: common.needs,
    env: common.env,
    paths: common.paths ?? reconciler.defaultPaths(config, path.dirname(context.file)),
    timeout: common.timeout,
    timeoutMs: parseDuration(common.timeout),
    config,
  };
}

function validate<T>(schema: ZodType<T>, value: unknown, context: IssueContext): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  // A misspelt key also makes the real key "missing": the typo is the error worth showing.
  const issues = [...result.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
  throw issueToError(issues[0] as z.core.$ZodIssue, context);
}

function checkNeeds(layers: LayerConfig[], names: string[], base: { file: string; displayFile: string; doc: Document; lineCounter: LineCounter }): void {
  for (const layer of layers) {
    layer.needs.forEach((need, index) => {
      if (names.includes(need) && need !== layer.name) return;
      const { line, col } = positionOf(base.doc, base.lineCounter, ['layers', layer.name, 'needs', index]);
      const keyPath = `layers.${layer.name}.needs.${index}`;
      const problem = need === layer.name ? 'a layer cannot need itself' : `unknown layer "${clip(need)}"`;
      const suggestion = didYouMean(need, names);
      throw new BlumeopsError(`${base.displayFile}:${line}:${col}: ${showPath(['layers', layer.name, 'needs', index])}: ${problem}`, {
        location: { file: base.file, line, col, keyPath },
        hint: suggestion || `layers: ${names.join(', ')}`,
      });
    });
  }
}

/** Top-level `x-…` keys hold YAML anchors for merge keys (as in Compose files); they are not config. */
function withoutExtensions(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value ?? {};
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('x-')));
}
