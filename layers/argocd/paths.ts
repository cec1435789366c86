/**
 * defaultPaths for the argocd kind: the apps folder, every in-repo `path` its Applications point at
 * (e.g. `argocd/manifests/cv`) and the Helm value files they read through a `ref:` source
 * (`$values/argocd/values/immich.yaml`), relative to the repo root.
 *
 * This runs for every command that loads blumeops.yaml, so it scans the manifests' text instead of
 * parsing YAML (the plan parses them properly, once): a `path:` that is not an Application's source
 * only widens the dirty-tree check, and only paths that exist in the repo are kept.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';

const PATH_KEY = /(?:^|[\s{,])path:[ \t]*["']?([^"'#\s,}]+)/gm;
const REF_KEY = /(?:^|[\s{,])ref:[ \t]*["']?([\w.-]+)/gm;
const REF_FILE = /\$([\w.-]+)\/([^"'\s,\]#]+)/g;

export function argocdPaths(config: { apps: string }, repoDir: string): string[] {
  const apps = normalize(config.apps);
  try {
    const folder = join(repoDir, apps);
    const paths = new Set<string>();
    for (const file of readdirSync(folder).filter((name) => /\.ya?ml$/.test(name))) {
      for (const path of sourcePaths(readFileSync(join(folder, file), 'utf8'))) paths.add(path);
    }
    const inRepo = [...paths].filter((path) => path !== apps && existsSync(join(repoDir, path)));
    return [apps, ...inRepo.sort()];
  } catch {
    return [apps];
  }
}

/** Source paths, and value files read through a ref declared in the same file. */
function sourcePaths(text: string): string[] {
  const refs = new Set([...text.matchAll(REF_KEY)].map((match) => match[1]));
  const valueFiles = [...text.matchAll(REF_FILE)].filter((match) => refs.has(match[1])).map((match) => match[2]);
  return [...[...text.matchAll(PATH_KEY)].map((match) => match[1]), ...valueFiles]
    .filter((path) => !isAbsolute(path))
    .map(normalize)
    .filter((path) => path !== '.' && path !== '' && !path.startsWith('..'));
}

function normalize(path: string): string {
  return posix.normalize(path.replace(/\\/g, '/')).replace(/\/+$/, '');
}
