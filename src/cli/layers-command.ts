import { dependencyOrder } from '../engine/graph.js';
import { printJson } from '../output/json.js';
import { openWorkspace } from './workspace.js';

/** `blumeops layers`: each layer with its kind, verbs, needs and paths, in dependency order. */
export async function layersCommand(flags: { repo?: string; json: boolean }): Promise<number> {
  const workspace = await openWorkspace(flags);
  const layers = dependencyOrder(workspace.config.layers);
  if (flags.json) {
    printJson({
      version: 1,
      layers: layers.map((layer) => ({
        name: layer.name,
        kind: layer.kind,
        verbs: layer.reconciler.verbs,
        needs: layer.needs,
        paths: layer.paths,
        timeout: layer.timeout,
        env: Object.keys(layer.env),
        // The tool's own config file that governs the layer (an ansible.cfg), repo-relative; null when none.
        toolConfig: layer.reconciler.toolConfig?.(layer.config, workspace.config.root) ?? null,
      })),
    });
    return 0;
  }
  const width = Math.max(5, ...layers.map((layer) => layer.name.length));
  const kindWidth = Math.max(4, ...layers.map((layer) => layer.kind.length));
  const lines = [`${'LAYER'.padEnd(width)}  ${'KIND'.padEnd(kindWidth)}  ${'VERBS'.padEnd(18)}  NEEDS  PATHS`];
  for (const layer of layers) {
    const verbs = `${layer.reconciler.verbs.plan}/${layer.reconciler.verbs.apply}`;
    lines.push(`${layer.name.padEnd(width)}  ${layer.kind.padEnd(kindWidth)}  ${verbs.padEnd(18)}  ${(layer.needs.join(',') || '-').padEnd(5)}  ${layer.paths.join(', ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
