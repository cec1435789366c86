import { BlumeopsError } from '../errors.js';
import { redact, redactDeep } from '../exec/redact.js';
import { createPaint } from '../output/paint.js';
import { collectContext } from './context/collect.js';
import { contextMarkdown } from './context/markdown.js';
import { ContextDocument } from './context/schema.js';
import { trimToFit } from './context/trim.js';
import type { CommonFlags } from './flags.js';
import { openWorkspace } from './workspace.js';

/**
 * `blumeops context`: one document that explains the homelab as it stands — markdown (rendered on a
 * terminal, plain when piped) or JSON — secrets masked, trimmed to --max-bytes when asked.
 */
export async function contextCommand(flags: CommonFlags & { offline: boolean; format?: string; maxBytes?: number }): Promise<number> {
  const format = flags.json ? 'json' : (flags.format ?? 'markdown');
  if (format !== 'markdown' && format !== 'json') throw new BlumeopsError(`unknown format "${format}"`, { hint: 'use --format markdown or --format json' });
  if (flags.maxBytes !== undefined && !(flags.maxBytes > 0)) throw new BlumeopsError('--max-bytes takes a positive number of bytes');
  const workspace = await openWorkspace(flags);
  let doc = redactDeep(await collectContext(workspace, flags));
  const render = format === 'json' ? (candidate: ContextDocument) => `${JSON.stringify(candidate, null, 2)}\n` : contextMarkdown;
  if (flags.maxBytes) doc = trimToFit(doc, flags.maxBytes, render);
  const text = redact(render(ContextDocument.parse(doc)));
  const tty = Boolean(process.stdout.isTTY) && format === 'markdown' && flags.color && !process.env.CI;
  process.stdout.write(tty ? forReading(text) : text);
  return 0;
}

/** On a terminal, markdown is shown for reading: headings bold, code in colour, no markup noise. */
function forReading(markdown: string): string {
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
