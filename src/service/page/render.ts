import type { BoardChange, BoardLayer, BoardSummary, DashboardDocument, LoopInfo, TimelineEntry } from '../dashboard-model.js';
import { duration, h, short, timeText } from './dom.js';

const SIGNS: Record<BoardChange['action'], string> = { create: '+', update: '~', delete: '-', replace: '±', sync: '↻' };
const WORDS: Record<BoardChange['action'], string> = { create: 'to create', update: 'to update', delete: 'to delete', replace: 'to replace', sync: 'to sync' };

/** Which <details> a person opened, so a new cycle does not fold them again. */
export const opened = new Set<string>();

function details(key: string, summary: Node | string, ...body: (Node | string | null | false)[]): HTMLDetailsElement {
  const element = h('details', { 'data-key': key }, h('summary', null, summary), ...body);
  element.open = opened.has(key);
  element.addEventListener('toggle', () => (element.open ? opened.add(key) : opened.delete(key)));
  return element;
}

export function summaryLine(summary: BoardSummary | null): string {
  if (!summary) return '';
  const parts = (Object.keys(WORDS) as BoardChange['action'][]).filter((action) => summary[action] > 0).map((action) => `${summary[action]} ${WORDS[action]}`);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}

export function loopBar(loop: LoopInfo): Node[] {
  const last = loop.lastCycle;
  const parts: Node[] = [
    h('span', { class: `phase phase-${loop.phase}`, 'data-phase': loop.phase }, loop.phase === 'running' ? `cycle ${loop.cycle} running` : loop.phase),
  ];
  if (last) parts.push(h('span', null, `last cycle ${last.cycle} `, timeText(last.finishedAt), ` (${duration(last.durationMs)}, ${last.ok ? 'ok' : 'failed'})`));
  if (loop.nextCycleAt) parts.push(h('span', null, 'next ', timeText(loop.nextCycleAt)));
  if (loop.applying.length > 0) parts.push(h('span', { class: 'applying' }, `applying ${loop.applying.join(', ')}`));
  if (!loop.healthy) parts.push(h('span', { class: 'unhealthy' }, `unhealthy: ${loop.consecutiveFailures} failed cycles in a row`));
  if (loop.lastError) parts.push(h('span', { class: 'last-error' }, 'last error ', timeText(loop.lastError.at), ': ', h('span', { class: 'message' }, loop.lastError.message)));
  return parts;
}

export function layerCard(layer: BoardLayer): HTMLElement {
  const plan = layer.plan;
  const last = layer.lastApply;
  const card = h(
    'section',
    { class: `card state-${layer.state}`, 'data-layer': layer.name, 'data-state': layer.state },
    h('header', null, h('h3', null, layer.name), h('span', { class: `badge state-${layer.state}` }, layer.state), h('span', { class: 'kind' }, layer.kind)),
    layer.detail ? h('p', { class: 'detail' }, layer.detail) : null,
    layer.hint ? h('p', { class: 'hint' }, layer.hint) : null,
    layer.manages ? h('p', { class: 'manages' }, layer.manages.summary) : null,
    layer.manages && layer.manages.facts.length > 0 ? h('ul', { class: 'facts' }, ...layer.manages.facts.map((fact) => h('li', null, fact))) : null,
    layer.needs.length > 0 ? h('p', { class: 'needs' }, `needs ${layer.needs.join(', ')}`) : null,
    last
      ? h(
          'p',
          { class: 'last-apply' },
          'last apply ',
          h('code', null, short(last.commit)),
          ' ',
          timeText(last.finishedAt),
          ' · ',
          h('span', { class: `result result-${last.status}` }, last.status),
          last.message ? h('span', { class: 'reason' }, ` · “${last.message}”`) : null,
        )
      : null,
    layer.commitsSince.length > 0
      ? details(
          `${layer.name}:commits`,
          `${layer.commitsSince.length} commit${layer.commitsSince.length === 1 ? '' : 's'} since`,
          h('ul', { class: 'commits' }, ...layer.commitsSince.map((commit) => h('li', null, h('code', null, short(commit.sha)), ' ', h('span', { class: 'subject' }, commit.subject)))),
        )
      : null,
    layer.autoSync.length > 0
      ? details(
          `${layer.name}:auto-sync`,
          `${layer.autoSync.length} syncing by itself${layer.autoSync.some((unit) => unit.state === 'failing') ? ' (failing)' : ''}`,
          h('ul', { class: 'auto-sync' }, ...layer.autoSync.map((unit) => h('li', { class: `auto-${unit.state}` }, `${unit.target}: ${unit.state} · ${unit.summary}`))),
        )
      : null,
    planBlock(layer),
    plan.warnings.length > 0 ? h('ul', { class: 'warnings' }, ...plan.warnings.map((warning) => h('li', null, warning))) : null,
  );
  return card;
}

function planBlock(layer: BoardLayer): Node | null {
  const plan = layer.plan;
  if (!plan.checked) return h('p', { class: 'plan' }, 'drift not checked');
  if (plan.error) return h('p', { class: 'plan plan-error' }, `plan failed: ${plan.error}`);
  const line = `plan: ${summaryLine(plan.summary)}${plan.incomplete ? ' (cannot be fully predicted)' : ''}${plan.durationMs !== null ? ` · ${duration(plan.durationMs)}` : ''}`;
  if (plan.changes.length === 0) return h('p', { class: 'plan' }, line);
  return details(
    `${layer.name}:changes`,
    line,
    h('ul', { class: 'changes' }, ...plan.changes.map((change, index) => changeItem(layer.name, change, index))),
    plan.omitted > 0 ? h('p', { class: 'omitted' }, `and ${plan.omitted} more: blumeops plan ${layer.name}`) : null,
  );
}

function changeItem(layer: string, change: BoardChange, index: number): HTMLElement {
  const head = h('span', null, h('span', { class: `sign action-${change.action}` }, SIGNS[change.action]), ' ', h('span', { class: 'change-summary' }, change.summary));
  if (change.diff === null) return h('li', { title: change.target }, head);
  return h('li', { title: change.target }, details(`${layer}:change:${index}:${change.target}`, head, h('pre', { class: 'diff' }, change.diff), change.diffCut ? h('p', { class: 'omitted' }, 'diff cut: see blumeops plan -v') : null));
}

export function timeline(entries: readonly TimelineEntry[]): Node {
  if (entries.length === 0) return h('p', { class: 'empty' }, 'No applies recorded yet.');
  const rows = entries.map((entry) =>
    h(
      'tr',
      null,
      h('td', null, timeText(entry.finishedAt)),
      h('td', null, entry.layer),
      h('td', null, h('code', null, short(entry.commit))),
      h('td', null, h('span', { class: `result result-${entry.status}` }, entry.status)),
      h('td', null, summaryLine(entry.summary)),
      h('td', { class: 'reason' }, [entry.message ?? '', entry.rollbackOf ? `rollback from ${short(entry.rollbackOf)}` : '', entry.error ?? ''].filter(Boolean).join(' · ')),
    ),
  );
  return h(
    'div',
    { class: 'scroll' },
    h('table', { class: 'timeline' }, h('thead', null, h('tr', null, ...['when', 'layer', 'commit', 'result', 'changes', 'why'].map((title) => h('th', null, title)))), h('tbody', null, ...rows)),
  );
}

export function warningsBlock(document: DashboardDocument): Node | null {
  if (document.warnings.length === 0) return null;
  return h('section', { class: 'block' }, h('h2', null, 'Warnings'), h('ul', { class: 'warnings' }, ...document.warnings.map((warning) => h('li', null, warning))));
}
