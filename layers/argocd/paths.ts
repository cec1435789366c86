/**
 * defaultPaths for the argocd kind: the apps folder and every in-repo `path` its Applications
 * point at (e.g. `argocd/manifests/cv`), relative to the repo root.
 *
 * The contract is synchronous, so this reads the manifests with node:fs and loads `yaml` lazily
 * through createRequire (index.ts must not import it at top level). A source's path is in-repo only
 * when its repoURL is the infra repo, which needs git; instead a path counts when it exists in the
 * repo dir.
 * `.`, absolute and `..` paths are skipped. Any error falls back to just the apps folder.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, posix } from 'node:path';

type YamlModule = typeof import('yaml');

export function argocdPaths(config: { apps: string }, repoDir: string): string[] {
  const apps = posix.normalize(config.apps.replace(/\\/g, '/')).replace(/\/+$/, '');
  try {
    const folder = join(repoDir, apps);
    const yaml = createRequire(import.meta.url)('yaml') as YamlModule;
    const paths = new Set<string>();
    for (const file of readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).sort()) {
      for (const doc of yaml.parseAllDocuments(readFileSync(join(folder, file), 'utf8'))) {
        if (doc.errors.length > 0) continue;
        for (const path of sourcePaths(doc.toJS())) paths.add(path);
      }
    }
    const inRepo = [...paths].filter((path) => existsSync(join(repoDir, path)));
    return [apps, ...inRepo.filter((path) => path !== apps).sort()];
  } catch {
    return [apps];
  }
}

interface SourceLike {
  path?: unknown;
  ref?: unknown;
  helm?: { valueFiles?: unknown };
}

/** Each source's `path`, and the Helm value files a multi-source app reads from a `ref:` source (`$values/…`). */
function sourcePaths(value: unknown): string[] {
  const manifest = value as { kind?: unknown; spec?: { source?: SourceLike; sources?: SourceLike[] } } | null;
  if (manifest?.kind !== 'Application' || !manifest.spec) return [];
  const sources = Array.isArray(manifest.spec.sources) ? manifest.spec.sources : [manifest.spec.source];
  const refs = new Set(sources.map((source) => source?.ref).filter((ref): ref is string => typeof ref === 'string'));
  const valueFiles = sources.flatMap((source) => (Array.isArray(source?.helm?.valueFiles) ? (source.helm.valueFiles as unknown[]) : []));
  const fromRefs = valueFiles
    .filter((file): file is string => typeof file === 'string')
    .map((file) => /^\$([^/]+)\/(.+)$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null && refs.has(match[1]))
    .map((match) => match[2]);
  return [...sources.map((source) => (typeof source?.path === 'string' ? source.path : '')), ...fromRefs]
    .filter((path) => path !== '' && !isAbsolute(path))
    .map((path) => posix.normalize(path.replace(/\\/g, '/')).replace(/\/+$/, ''))
    .filter((path) => path !== '.' && !path.startsWith('..'));
}
