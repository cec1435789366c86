// Human ("wide") output: the list table, the app summary, the operation result, resource tables.
import { kv, tabwrite, isoSeconds } from './output.mjs';
import { qualifiedName, sourcesOf, syncPolicyText } from './app-model.mjs';

function destinationCluster(app) {
  const d = app.spec?.destination ?? {};
  return d.server || d.name || '';
}

function conditionsSummary(app) {
  const conditions = app.status?.conditions ?? [];
  if (conditions.length === 0) return '<none>';
  const counts = {};
  for (const c of conditions) counts[c.type] = (counts[c.type] ?? 0) + 1;
  return Object.entries(counts).map(([t, n]) => (n > 1 ? `${t}(${n})` : t)).join(',');
}

/** `app list` wide: NAME CLUSTER NAMESPACE PROJECT STATUS HEALTH SYNCPOLICY CONDITIONS REPO PATH TARGET. */
export function listTable(apps) {
  const rows = [['NAME', 'CLUSTER', 'NAMESPACE', 'PROJECT', 'STATUS', 'HEALTH', 'SYNCPOLICY', 'CONDITIONS', 'REPO', 'PATH', 'TARGET']];
  for (const app of apps) {
    const src = sourcesOf(app)[0] ?? {};
    rows.push([
      qualifiedName(app), destinationCluster(app), app.spec?.destination?.namespace ?? '', app.spec?.project ?? '',
      app.status?.sync?.status ?? '', app.status?.health?.status ?? '', syncPolicyText(app), conditionsSummary(app),
      src.repoURL ?? '', src.path ?? '', src.targetRevision ?? '',
    ]);
  }
  return tabwrite(rows);
}

function syncStatusText(app) {
  const sync = app.status?.sync ?? {};
  let text = sync.status ?? 'Unknown';
  const target = sourcesOf(app)[0]?.targetRevision || 'HEAD';
  if (text === 'Synced') text += ` to ${target}`;
  else if (text === 'OutOfSync') text += ` from ${target}`;
  const rev = sync.revision || sync.revisions?.[0];
  if (rev && rev !== target) text += ` (${rev.slice(0, 7)})`;
  return text;
}

/** printAppSummaryTable: the `Name:` ... `Health Status:` block. */
export function appSummary(app, server) {
  const h = app.status?.health ?? {};
  let text = kv('Name:', qualifiedName(app)) + kv('Project:', app.spec?.project) +
    kv('Server:', destinationCluster(app)) + kv('Namespace:', app.spec?.destination?.namespace) +
    kv('URL:', `https://${server}/applications/${app.metadata?.name}`);
  const sources = sourcesOf(app);
  if (sources.length > 1) text += 'Sources:\n';
  for (const s of sources) {
    text += kv(sources.length > 1 ? '- Repo:' : 'Repo:', s.repoURL) + kv(sources.length > 1 ? '  Target:' : 'Target:', s.targetRevision);
    if (s.path) text += kv(sources.length > 1 ? '  Path:' : 'Path:', s.path);
    if (s.chart) text += kv(sources.length > 1 ? '  Chart:' : 'Chart:', s.chart);
  }
  text += kv('SyncWindow:', 'Sync Allowed') + kv('Sync Policy:', syncPolicyText(app)) +
    kv('Sync Status:', syncStatusText(app)) + kv('Health Status:', h.message ? `${h.status} (${h.message})` : h.status);
  return text;
}

/** printOperationResult: Operation / Sync Revision / Phase / Start / Finished / Duration / Message. */
export function operationResult(opState) {
  if (!opState) return '';
  const sync = opState.syncResult ?? {};
  let text = kv('Operation:', 'Sync') + kv('Sync Revision:', sync.revision ?? opState.operation?.sync?.revision ?? '');
  text += kv('Phase:', opState.phase) + kv('Start:', opState.startedAt);
  if (opState.finishedAt) {
    const secs = Math.round((Date.parse(opState.finishedAt) - Date.parse(opState.startedAt)) / 1000);
    text += kv('Finished:', opState.finishedAt) + kv('Duration:', `${Number.isFinite(secs) ? secs : 0}s`);
  }
  if (opState.message) text += kv('Message:', opState.message);
  return text;
}

function resultMessage(app, r) {
  const results = app.status?.operationState?.syncResult?.resources ?? [];
  const hit = results.find((x) => x.kind === r.kind && x.name === r.name && (x.namespace ?? '') === (r.namespace ?? ''));
  return hit?.message ?? '';
}

/** printAppResources: GROUP KIND NAMESPACE NAME STATUS HEALTH HOOK MESSAGE. */
export function resourcesTable(app) {
  const rows = [['GROUP', 'KIND', 'NAMESPACE', 'NAME', 'STATUS', 'HEALTH', 'HOOK', 'MESSAGE']];
  for (const r of app.status?.resources ?? []) {
    rows.push([r.group ?? '', r.kind, r.namespace ?? '', r.name, r.status ?? '', r.health?.status ?? '', '', resultMessage(app, r)]);
  }
  return tabwrite(rows);
}

/** The live table a waiting sync prints: TIMESTAMP GROUP KIND NAMESPACE NAME STATUS HEALTH HOOK MESSAGE. */
export function liveTable(app) {
  const now = isoSeconds();
  const rows = [['TIMESTAMP', 'GROUP', 'KIND', 'NAMESPACE', 'NAME', 'STATUS', 'HEALTH', 'HOOK', 'MESSAGE']];
  for (const r of app.status?.resources ?? []) {
    rows.push([now, r.group ?? '', r.kind, r.namespace ?? '', r.name, r.status ?? '', r.health?.status ?? '', '', resultMessage(app, r)]);
  }
  return tabwrite(rows);
}

/** printFinalStatus for wide output: summary, operation result, resources. */
export function finalStatusText(app, server, withOperation) {
  let text = `\n${appSummary(app, server)}\n`;
  if (withOperation && app.status?.operationState) text += operationResult(app.status.operationState);
  if ((app.status?.resources ?? []).length > 0) text += `\n${resourcesTable(app)}`;
  return text;
}
