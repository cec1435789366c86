import { planLayers } from '../engine/orchestrate.js';
import { printJson } from '../output/json.js';
import { planMarkdown } from '../output/markdown.js';
import { exitCodeFor, handleInterrupts, layerDirtyFiles, newSession, rendererFor, runDocument, selectionNotices, type RunRequest } from './run-support.js';
import { selectChanged } from './changed.js';
import { openWorkspace, selectLayers } from './workspace.js';

/** `blumeops plan [layer…]` and the kinds' plan verbs: read-only, no lock, concurrent. */
export async function planCommand(request: RunRequest): Promise<number> {
  const renderer = await rendererFor(request.flags);
  const workspace = await openWorkspace(request.flags);
  const session = newSession(workspace, request);
  const stopHandling = handleInterrupts(session, renderer);
  try {
    let layers = selectLayers(workspace.config, request.layers, request.expect);
    const notices: string[] = [];
    if (request.flags.changed) {
      const selection = await selectChanged(workspace, layers, request.flags.since);
      layers = selection.layers;
      for (const reason of selection.reasons) renderer.say(reason);
      if (layers.length === 0) notices.push('no layer has changed: nothing to plan');
    }
    notices.push(...selectionNotices(layers));
    for (const notice of notices) renderer.notice(notice);
    // Read-only, so git status runs alongside the tools; its notice comes after the plan.
    const pendingDirty = layerDirtyFiles(workspace, layers);

    renderer.begin(layers, 'plan');
    const outcomes = await planLayers(session, layers, renderer);
    await renderer.end();
    renderer.outcomes(outcomes, 'plan');
    const dirty = await pendingDirty;
    if (dirty.length > 0) {
      const notice = `this plan includes ${dirty.length} uncommitted change${dirty.length === 1 ? '' : 's'} (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''})`;
      notices.push(notice);
      renderer.notice(notice);
    }

    const exitCode = exitCodeFor(outcomes, request.flags.detailedExitcode);
    if (request.flags.json) printJson(runDocument(request.command, session, workspace, outcomes, notices, dirty.length > 0, exitCode));
    if (request.flags.format === 'markdown') process.stdout.write(planMarkdown(outcomes, { commit: workspace.commit, notices }));
    return exitCode;
  } finally {
    stopHandling();
    session.close();
    await workspace.close();
  }
}
