import type { LayerOutcome } from '../engine/outcome.js';
import { redact } from '../exec/redact.js';
import { ACTION_SIGNS, autoSyncOf, totalLine } from './format.js';

const STATUS_ICONS: Record<LayerOutcome['status'], string> = {
  'in-sync': '✅ in sync',
  changes: '📝 changes',
  applied: '✅ applied',
  failed: '❌ failed',
  skipped: '⏭️ skipped',
  interrupted: '⚠️ interrupted',
};

/** A plan as a pull-request comment: one table row per layer, then each layer's changes folded away. */
export function planMarkdown(outcomes: readonly LayerOutcome[], context: { commit: string | null; notices: readonly string[] }): string {
  const lines = [`### blumeops plan${context.commit ? ` for \`${context.commit.slice(0, 7)}\`` : ''}`, ''];
  lines.push('| layer | kind | status | changes |', '|---|---|---|---|');
  for (const outcome of outcomes) {
    const counts = outcome.changes.length > 0 ? totalLine(outcome.summary) : outcome.incomplete ? 'not fully predictable' : '–';
    lines.push(`| ${cell(outcome.name)} | ${outcome.kind} | ${STATUS_ICONS[outcome.status]} | ${cell(counts)} |`);
  }
  for (const notice of context.notices) lines.push('', `> ${notice}`);
  for (const outcome of outcomes) {
    const body = layerDetails(outcome);
    if (body.length === 0) continue;
    lines.push('', `<details><summary><b>${escapeHtml(outcome.name)}</b> (${outcome.kind}): ${escapeHtml(outcome.changes.length > 0 ? totalLine(outcome.summary) : outcome.status)}</summary>`, '', ...body, '', '</details>');
  }
  return redact(`${lines.join('\n')}\n`);
}

function layerDetails(outcome: LayerOutcome): string[] {
  const lines: string[] = [];
  if (outcome.changes.length > 0) {
    lines.push('```diff');
    for (const change of outcome.changes) {
      lines.push(`${diffSign(change.action)} ${ACTION_SIGNS[change.action]} ${change.summary}`);
      if (change.diff) lines.push(...change.diff.replace(/\n$/, '').split('\n').map((line) => `    ${line.replace(/^```/, "'''")}`));
    }
    lines.push('```');
  }
  for (const unit of autoSyncOf(outcome)) {
    if (unit.state !== 'in-sync') lines.push(`- ${unit.state === 'failing' ? '❌ problem' : '🔄 converging'}: ${escapeHtml(unit.summary)}`);
  }
  for (const warning of outcome.warnings) lines.push(`- ⚠️ ${escapeHtml(warning)}`);
  if (outcome.error) lines.push(`- ❌ ${escapeHtml(outcome.error.message)}${outcome.error.hint ? ` — ${escapeHtml(outcome.error.hint)}` : ''}`);
  return lines;
}

/** A diff block colours lines by their first character. */
function diffSign(action: string): string {
  return action === 'create' ? '+' : action === 'delete' ? '-' : action === 'replace' ? '!' : ' ';
}

function cell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '\\|');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
