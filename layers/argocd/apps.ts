/**
 * Desired state from Git: every Application in the `apps` folder's `*.yaml` / `*.yml` files
 * (not recursive, like ArgoCD's directory source), all documents of each file, with positions.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { isCollection, isMap, isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { BlumeopsError } from '../../src/errors.js';
import { ApplicationManifest, manifestSpec } from './manifest.js';
import type { DesiredApp } from './spec.js';

export interface GitApps {
  apps: DesiredApp[];
  warnings: string[];
}

/** Reads the Applications under `appsDir` (repo-relative) of the checkout at `dir`. */
export function readApps(dir: string, appsDir: string): GitApps {
  const folder = join(dir, appsDir);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new BlumeopsError(`the apps folder ${appsDir} does not exist`, {
      hint: 'set the layer\'s apps key to the folder that holds the Application manifests',
    });
  }
  const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).sort();
  const result: GitApps = { apps: [], warnings: [] };
  const seen = new Map<string, DesiredApp>();
  for (const name of files) {
    const file = posix.join(appsDir.replace(/\\/g, '/').replace(/\/+$/, ''), name);
    for (const app of readFile(file, readFileSync(join(folder, name), 'utf8'), result.warnings)) {
      const first = seen.get(app.name);
      if (first) {
        throw new BlumeopsError(
          `duplicate Application "${app.name}": ${first.file}:${first.line} and ${app.file}:${app.line}`,
          { location: { file: app.file, line: app.line, col: app.col, keyPath: 'metadata.name' }, hint: 'app names must be unique' },
        );
      }
      seen.set(app.name, app);
      result.apps.push(app);
    }
  }
  return result;
}

/** The Applications of one file (exported for tests); warnings are appended to `warnings`. */
export function readFile(file: string, source: string, warnings: string[]): DesiredApp[] {
  const lines = new LineCounter();
  const apps: DesiredApp[] = [];
  for (const doc of parseAllDocuments(source, { lineCounter: lines })) {
    const syntax = doc.errors[0];
    if (syntax) {
      const pos = syntax.linePos?.[0];
      throw new BlumeopsError(`YAML syntax error in ${file}: ${syntax.message.split('\n')[0]}`, {
        location: { file, line: pos?.line, col: pos?.col },
      });
    }
    const value: unknown = doc.toJS();
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const { kind, apiVersion, metadata } = value as Record<string, unknown>;
    const at = position(doc, lines, []);
    if (kind === 'ApplicationSet') {
      const name = (metadata as { name?: unknown } | undefined)?.name;
      warnings.push(`${file}:${at.line}: ApplicationSet ${JSON.stringify(name ?? '')} is not reconciled by blumeops (ArgoCD generates its apps)`);
      continue;
    }
    if (kind !== 'Application') continue;
    if (typeof apiVersion === 'string' && !apiVersion.startsWith('argoproj.io/')) continue; // another CRD named Application
    apps.push(validate(file, doc, lines, value, warnings));
  }
  return apps;
}

function validate(file: string, doc: Document, lines: LineCounter, value: object, warnings: string[]): DesiredApp {
  const parsed = ApplicationManifest.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const keyPath = issue.path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('');
      return { keyPath, message: readable(issue.message), at: position(doc, lines, issue.path as PropertyKey[]) };
    });
    const [first] = problems;
    const name = (value as { metadata?: { name?: unknown } }).metadata?.name;
    const label = typeof name === 'string' ? `Application "${name}"` : 'Application';
    const rest = problems.slice(1).map((p) => `\n  ${file}:${p.at.line}:${p.at.col}: ${p.keyPath}: ${p.message}`).join('');
    throw new BlumeopsError(`invalid ${label}: ${first.keyPath || '(document)'}: ${first.message}${rest}`, {
      location: { file, line: first.at.line, col: first.at.col, keyPath: first.keyPath || undefined },
    });
  }
  const manifest = parsed.data;
  const at = position(doc, lines, ['metadata', 'name']);
  if (manifest.spec.source && manifest.spec.sources) {
    const src = position(doc, lines, ['spec', 'source']);
    warnings.push(`${file}:${src.line}: ${manifest.metadata.name}: spec.source is ignored because spec.sources is set`);
  }
  return { name: manifest.metadata.name, spec: manifestSpec(manifest), file, line: at.line, col: at.col };
}

/**
 * The position of the node at `path`, or of its nearest existing ancestor (a missing key points at
 * its parent). A scalar points at its value; a map or list under a key points at that key.
 */
function position(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): { line: number; col: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (!node || typeof node !== 'object') continue;
    let range = (node as { range?: [number, number, number] }).range;
    if (isCollection(node) && depth > 0) {
      const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1) as unknown[], true);
      const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === path[depth - 1]) : undefined;
      if (isScalar(pair?.key) && pair.key.range) range = pair.key.range;
    }
    if (range) return lines.linePos(range[0]);
  }
  return { line: 1, col: 1 };
}

function readable(message: string): string {
  return message.replace(/^Invalid input: expected (\w+), received undefined$/, 'required (expected $1)');
}
