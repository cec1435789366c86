import { existsSync } from 'node:fs';
import path from 'node:path';
import { dependencyOrder } from '../engine/graph.js';
import { withWorkspace } from '../engine/workspace.js';
import { printJson } from '../output/json.js';
import { table } from '../output/table.js';
import { terminal } from '../output/terminal.js';

/** `blumeops layers`: each layer with its kind, verbs, needs and paths, in dependency order. */
export async function layersCommand(flags: { repo?: string; json: boolean; color: boolean }): Promise<number> {
  return withWorkspace(flags, undefined, async (workspace) => {
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
    const rows = layers.map((layer) => {
      // Conventional default paths that do not exist would fill the table: only the ones present are listed.
      const present = layer.paths.filter((entry) => existsSync(path.join(workspace.dir, entry)));
      const absent = layer.paths.length - present.length;
      const paths = [...present, ...(absent > 0 ? [`+ ${absent} conventional path${absent === 1 ? '' : 's'}`] : [])].join(', ');
      return { cells: [layer.name, layer.kind, `${layer.reconciler.verbs.plan}/${layer.reconciler.verbs.apply}`, layer.needs.join(',') || '-', paths || '-'] };
    });
    terminal({ document: false, color: flags.color }).write(`${table(['LAYER', 'KIND', 'VERBS', 'NEEDS', 'PATHS'], rows)}\n`);
    return 0;
  });
}
