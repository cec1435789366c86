import type { LayerConfig } from '../config/load.js';
import { changedSince, commitExists, remoteBase } from '../git/history.js';
import { resolveRevision } from '../git/git.js';
import { lastInSync, type LedgerEntry } from '../state/ledger.js';
import type { Workspace } from './workspace.js';

export interface ChangedSelection {
  layers: LayerConfig[];
  /** Why each layer was selected or left out, for the operator. */
  reasons: string[];
}

/**
 * The layers whose paths changed since `since` — by default since each layer's last in-sync commit
 * in the ledger, else the merge-base with the remote's default branch; a layer with neither is
 * selected. With --ref the comparison ends at that commit, not at the work tree.
 */
export async function selectChanged(workspace: Workspace, entries: readonly LedgerEntry[], layers: readonly LayerConfig[], since?: string): Promise<ChangedSelection> {
  const root = workspace.repo.root;
  const until = workspace.atRef ? (workspace.commit ?? undefined) : undefined;
  const explicit = since ? await resolveRevision(root, since) : undefined;
  const fallback = explicit ? undefined : await remoteBase(root);
  const selected: LayerConfig[] = [];
  const reasons: string[] = [];
  for (const layer of layers) {
    const settled = lastInSync(entries, layer.name)?.commit ?? undefined;
    const usable = settled && (await commitExists(root, settled)) ? settled : undefined;
    const base = explicit ?? usable ?? fallback;
    const label = explicit ? since! : usable ? `its last apply (${usable.slice(0, 7)})` : 'the remote default branch';
    if (!base) {
      selected.push(layer);
      reasons.push(`${layer.name}: selected — never applied and no remote branch to compare with`);
      continue;
    }
    const files = await changedSince(root, base, layer.paths, until);
    const target = until ? ` up to ${workspace.ref}` : '';
    if (files.length > 0) {
      selected.push(layer);
      reasons.push(`${layer.name}: selected — ${files.length} file${files.length === 1 ? '' : 's'} changed since ${label}${target} (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''})`);
    } else {
      reasons.push(`${layer.name}: unchanged since ${label}${target}`);
    }
  }
  return { layers: selected, reasons };
}
