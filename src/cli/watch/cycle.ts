import { dirtyFiles } from '../../git/git.js';
import { fastForward, fetchUpstream, upstreamAhead } from '../../git/remote.js';
import { applyCommand } from '../apply-command.js';
import type { CommonFlags } from '../flags.js';
import { layerStates } from '../layer-state.js';
import type { StatusDocument, StatusLayer } from '../status-schema.js';
import { statesExitCode } from '../layer-state.js';
import { openWorkspace } from '../workspace.js';
import type { ApplyNews } from './changes.js';

export interface CycleResult {
  rows: StatusLayer[];
  /** The same document as `blumeops status --json`, for JSON notifications. */
  document: StatusDocument;
  applies: ApplyNews[];
  /** One line for the watch log. */
  summary: string;
}

/**
 * One watch cycle: fetch, fast-forward when layers opted into auto-apply (never over uncommitted
 * changes), plan every layer, and apply the opted-in layers that Git moved or that drifted.
 */
export async function runCycle(flags: CommonFlags & { apply: string[] }): Promise<CycleResult> {
  const notes: string[] = [];
  let workspace = await openWorkspace(flags);
  const root = workspace.repo.root;
  const fetched = await fetchUpstream(root);
  const behind = fetched ? await upstreamAhead(root) : 0;
  if (behind > 0 && flags.apply.length > 0) {
    const dirty = await dirtyFiles(root);
    if (dirty.length > 0) notes.push(`${behind} new commit(s) upstream not pulled: uncommitted changes in the work tree`);
    else if (await fastForward(root)) {
      notes.push(`pulled ${behind} new commit(s)`);
      await workspace.close();
      workspace = await openWorkspace(flags);
    } else notes.push(`${behind} new commit(s) upstream not pulled: not a fast-forward`);
  } else if (behind > 0) notes.push(`${behind} new commit(s) upstream (not pulled: no layer opted into --apply)`);

  let { rows } = await layerStates(workspace, { ...flags, offline: false });
  const applies: ApplyNews[] = [];
  const due = rows.filter((row) => flags.apply.includes(row.name) && (row.state === 'drifted' || row.state === 'unapplied'));
  if (due.length > 0 && (await dirtyFiles(root)).length === 0) {
    const names = due.map((row) => row.name);
    const code = await applyCommand({
      command: 'watch',
      layers: names,
      flags: { ...flags, yes: true, quiet: true, json: false, allowDirty: false, detailedExitcode: false, message: 'applied by blumeops watch' },
      extraArgs: [],
      targets: [],
      kindOptions: {},
      commandLine: `blumeops watch --apply ${names.join(' ')}`,
    }).catch((error: unknown) => (notes.push(`apply refused: ${error instanceof Error ? error.message : String(error)}`), 1));
    for (const name of names) applies.push({ layer: name, ok: code === 0, detail: code === 0 ? '' : `exit code ${code}; see \`blumeops history ${name}\`` });
    rows = (await layerStates(workspace, { ...flags, offline: false })).rows;
  }
  await workspace.close();
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
  const summary = [`${rows.length} layers: ${[...counts].map(([state, count]) => `${count} ${state}`).join(', ')}`, ...notes].join('; ');
  const document: StatusDocument = { version: 1, command: 'status', repo: { root, head: workspace.repo.head }, offline: false, layers: rows, warnings: [], exitCode: statesExitCode(rows) };
  return { rows, document, applies, summary };
}
