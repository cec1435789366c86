import { createPaint } from './paint.js';
import { age } from './age.js';
import type { ContextDocument, ContextLayer } from '../engine/context-schema.js';

const STATE_WORDS: Record<ContextLayer['state'], string> = {
  'in-sync': 'in sync',
  drifted: 'DRIFTED (live differs from Git)',
  unapplied: 'UNAPPLIED (Git moved, not applied)',
  unknown: 'unknown (the plan could not see)',
  error: 'ERROR',
};

/** The context document as markdown: for a person coming back after months, or an assistant's context window. */
export function contextMarkdown(doc: ContextDocument): string {
  const { repo } = doc;
  const lines = [
    `# Homelab context`,
    '',
    `Generated ${doc.generatedAt.slice(0, 16).replace('T', ' ')} UTC by \`blumeops context\`. Live drift: ${doc.offline ? 'not checked (--offline)' : 'checked with a plan of every layer'}.`,
    '',
    // Said at the top, so a reader (or a cut at --max-bytes) cannot miss that the document is partial.
    ...(doc.trimmed.length ? [`_Trimmed to fit: ${doc.trimmed.join('; ')}._`, ''] : []),
    '## Repository',
    '',
    `- root: \`${repo.root}\``,
    `- remote: ${repo.remote ? `\`${repo.remote}\`` : 'none'}`,
    `- branch: ${repo.branch ?? '(detached)'} at \`${repo.head.sha?.slice(0, 7) ?? 'no commits'}\` "${repo.head.subject}"`,
    `- uncommitted changes: ${repo.uncommitted.length === 0 ? 'none' : `${repo.uncommitted.length} (${repo.uncommitted.slice(0, 10).join(', ')}${repo.uncommitted.length > 10 ? ', …' : ''})`}`,
    `- unpushed commits: ${repo.unpushed === null ? 'unknown (no upstream branch)' : repo.unpushed}`,
    '',
    '## Layers, in dependency order',
  ];
  for (const layer of doc.layers) lines.push('', ...layerSection(layer));
  lines.push('', '## Warnings', '');
  lines.push(...(doc.warnings.length ? doc.warnings.map((warning) => `- ${warning}`) : ['- none']));
  lines.push('', '## To bring everything back to Git', '');
  lines.push(...(doc.commands.length ? ['```sh', ...doc.commands, '```'] : ['Everything is in sync with Git; nothing to run.']));
  return `${lines.join('\n')}\n`;
}

function layerSection(layer: ContextLayer): string[] {
  const lines = [`### ${layer.name} (${layer.kind}): ${STATE_WORDS[layer.state]}`, ''];
  lines.push(`- manages: ${layer.manages.summary}`);
  for (const fact of layer.manages.facts) lines.push(`  - ${fact}`);
  lines.push(`- paths: ${layer.paths.map((path) => `\`${path}\``).join(', ') || '—'}`);
  lines.push(`- needs: ${layer.needs.join(', ') || '—'}`);
  const last = layer.lastApply;
  lines.push(`- last apply: ${last ? `\`${last.commit?.slice(0, 7) ?? '—'}\`, ${age(last.finishedAt)}, ${last.status}${last.message ? ` — "${last.message}"` : ''}` : 'never'}`);
  if (layer.commitsSince.length) {
    lines.push(`- commits since that touch it:`);
    for (const commit of layer.commitsSince) lines.push(`  - \`${commit.sha.slice(0, 7)}\` ${commit.subject}`);
  }
  if (layer.drift.checked) {
    lines.push(`- live: ${layer.drift.error ? `could not plan: ${layer.drift.error}` : layer.changes.length ? `${layer.changes.length} change${layer.changes.length === 1 ? '' : 's'}` : 'matches Git'}`);
    for (const change of layer.changes) lines.push(`  - ${change}`);
  }
  if (layer.autoSync.length) {
    lines.push('- syncs itself (auto-sync; blumeops reports, does not apply):');
    for (const unit of layer.autoSync) lines.push(`  - ${unit.state}: ${unit.summary} (${unit.mode})`);
  }
  if (layer.manages.detail.length) {
    lines.push('- detail:');
    for (const item of layer.manages.detail) lines.push(`  - ${item}`);
  }
  return lines;
}

/** On a terminal, markdown is shown for reading: headings bold, code in colour, no markup noise. */
export function forReading(markdown: string): string {
  const paint = createPaint(true);
  return markdown
    .split('\n')
    .filter((line) => !line.startsWith('```'))
    .map((line) => {
      const heading = /^(#+) (.*)$/.exec(line);
      if (heading) return paint.bold(heading[1].length === 1 ? heading[2].toUpperCase() : heading[2]);
      return line.replace(/`([^`]+)`/g, (_, code: string) => paint.sync(code)).replace(/^_(.*)_$/, (_, text: string) => paint.dim(text));
    })
    .join('\n');
}
