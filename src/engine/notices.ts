import type { LayerConfig } from '../config/load.js';
import { dirtyFiles } from '../git/git.js';
import { unselectedNeeds } from './graph.js';
import type { Workspace } from './workspace.js';

/** Notices that apply to the selection: dependencies that were left out. */
export function selectionNotices(layers: readonly LayerConfig[]): string[] {
  const notices: string[] = [];
  for (const [layer, missing] of unselectedNeeds(layers)) {
    notices.push(`${layer} needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not selected: ${missing.length === 1 ? 'it is' : 'they are'} neither planned nor waited for`);
  }
  return notices;
}

/** Uncommitted files under the selected layers' paths (none when reconciling another commit). */
export async function layerDirtyFiles(workspace: Workspace, layers: readonly LayerConfig[]): Promise<string[]> {
  if (workspace.atRef) return [];
  const paths = [...new Set(layers.flatMap((layer) => layer.paths))];
  return paths.length === 0 ? [] : dirtyFiles(workspace.dir, paths);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
