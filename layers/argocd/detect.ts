import { readFlags } from '../../src/detect/adopt-helpers.js';
import { baseOf, dirOf, isRecord, type RepoView } from '../../src/detect/repo-view.js';
import type { TaskScript } from '../../src/detect/task-script.js';
import type { Adoption, DetectedLayer, Detection, Detector } from '../../src/detect/types.js';

interface FoundApp {
  name: string;
  folder: string;
  /** The repo paths its sources point at, normalised (no ./, no trailing /). */
  paths: string[];
}

const DNS_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export const detector: Detector = { scan: scanArgocd, adopt: adoptArgocdTask };

/**
 * Every folder holding ArgoCD `Application` manifests becomes an argocd layer: `apps: <folder>`, and
 * `root:` the Application whose source path is that folder (the app-of-apps), when there is one.
 * A folder that holds only the roots of other folders (a bootstrap folder) is not a layer of its own.
 * One layer is called `argocd`; several are `argocd-<folder name>`.
 */
export function scanArgocd(repo: RepoView): Detection {
  const apps = repo.files.flatMap((file) => applicationsIn(repo, file));
  const folders = [...new Set(apps.map((app) => app.folder))].sort();
  const rootOf = (folder: string) =>
    apps.find((app) => app.folder === folder && app.paths.includes(folder)) ?? apps.find((app) => app.paths.includes(folder));
  const result: Detection = { layers: [], skipped: [] };
  const layerFolders = folders.filter((folder) => {
    const own = apps.filter((app) => app.folder === folder);
    const rootsElsewhere = own.every((app) => app.paths.some((path) => path !== folder && folders.includes(path)));
    if (rootsElsewhere) result.skipped.push({ path: folder, reason: `${folder} holds only the root app(s) ${names(own)} of other folders` });
    return !rootsElsewhere;
  });
  for (const folder of layerFolders) {
    const own = apps.filter((app) => app.folder === folder);
    const root = rootOf(folder);
    const config: Record<string, string> = { apps: folder };
    if (root) config.root = root.name;
    const rootText = root
      ? `, root ${root.name} (its source path is ${folder}${root.folder === folder ? '' : `; manifest in ${root.folder}`})`
      : ', no root app (no Application points at this folder): blumeops can sync these apps but not create or prune them';
    const layer: DetectedLayer = {
      name: layerFolders.length === 1 ? 'argocd' : `argocd-${baseOf(folder)}`,
      kind: 'argocd',
      reason: `argocd Applications in ${folder} (${own.length}: ${names(own)})${rootText}`,
      config,
      tier: 'kubernetes',
      notes: ['the API server and token, if the argocd CLI has no context: server: HOST:PORT', 'env: { ARGOCD_AUTH_TOKEN: op://vault/item/field }'],
    };
    result.layers.push(layer);
  }
  return result;
}

function applicationsIn(repo: RepoView, file: string): FoundApp[] {
  const docs = repo.yaml(file) ?? [];
  return docs.flatMap((doc) => {
    if (!isRecord(doc) || doc.kind !== 'Application' || typeof doc.apiVersion !== 'string' || !doc.apiVersion.startsWith('argoproj.io/')) return [];
    const name = isRecord(doc.metadata) ? doc.metadata.name : undefined;
    if (typeof name !== 'string' || !DNS_NAME.test(name)) return [];
    const spec = isRecord(doc.spec) ? doc.spec : {};
    const sources = Array.isArray(spec.sources) ? spec.sources : [spec.source];
    const paths = sources.flatMap((source) => (isRecord(source) && typeof source.path === 'string' ? [normalise(source.path)] : []));
    return [{ name, folder: dirOf(file), paths }];
  });
}

function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '') || '.';
}

function names(apps: FoundApp[]): string {
  const list = apps.map((app) => app.name);
  return list.length > 5 ? `${list.slice(0, 5).join(', ')}, …` : list.join(', ');
}

/**
 * `argocd app sync|diff NAME…`: the layer whose root is NAME (no targets), or whose folder holds the
 * apps named (they become the wrapper's targets: `blumeops sync argocd cv immich`).
 */
export function adoptArgocdTask(task: TaskScript, layers: readonly DetectedLayer[], repo: RepoView): Adoption | undefined {
  const tool = task.steps.find((step) => step.kind === 'command' && step.argv[0] === 'argocd' && step.argv[1] === 'app' && (step.argv[2] === 'sync' || step.argv[2] === 'diff'));
  if (!tool) return undefined;
  const flags = readFlags(tool.argv.slice(3), { '--server': [], '--revision': [], '--timeout': [] }, { '--prune': [], '--grpc-web': [], '--core': [], '--async': [] });
  const named = flags.positional;
  if (named.length === 0) return undefined;
  const apps = repo.files.flatMap((file) => applicationsIn(repo, file));
  const layer = layers.find((candidate) => candidate.kind === 'argocd' && named.every((name) => candidate.config.root === name || apps.some((app) => app.name === name && app.folder === candidate.config.apps)));
  if (!layer) return undefined;
  const targets = named.filter((name) => name !== layer.config.root);
  const adoption: Adoption = { layer, verb: tool.argv[2] === 'sync' ? 'apply' : 'plan', targets, config: {}, env: {}, adopted: [targets.length > 0 ? `apps ${targets.join(', ')}` : `root ${named[0]}`], consumed: [tool], notAdopted: [] };
  const server = flags.values.get('--server')?.[0];
  if (server) {
    adoption.config.server = server;
    adoption.adopted.push(`server ${server}`);
  }
  for (const flag of ['--grpc-web', '--core'] as const) {
    if (flags.switches.has(flag)) {
      adoption.config[flag === '--core' ? 'core' : 'grpcWeb'] = true;
      adoption.adopted.push(flag);
    }
  }
  for (const word of [...flags.unknown, ...(flags.values.get('--revision') ?? []), ...(flags.values.get('--timeout') ?? []), ...[...flags.switches].filter((flag) => flag === '--prune' || flag === '--async')]) {
    adoption.notAdopted.push({ step: tool, reason: `\`${word}\` is not carried over (see layers/argocd/README.md for prune, wait and revision)` });
  }
  return adoption;
}
