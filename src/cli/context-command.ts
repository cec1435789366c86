import { runContext } from '../engine/context.js';
import { ContextDocument } from '../engine/context-schema.js';
import { redactDeep } from '../exec/redact.js';
import { contextMarkdown, forReading } from '../output/context-markdown.js';
import { fitToBytes } from '../output/context-trim.js';
import { printDocument, printNote, terminal } from '../output/terminal.js';
import type { CommonFlags } from './flags.js';

/**
 * `blumeops context`: one document that explains the homelab as it stands — markdown (rendered on a
 * terminal, plain when piped) or JSON — secrets masked, never longer than --max-bytes when asked.
 */
export async function contextCommand(flags: CommonFlags & { offline: boolean; format?: string; maxBytes?: number }): Promise<number> {
  const format = flags.json ? 'json' : flags.format === 'json' ? 'json' : 'markdown';
  const out = terminal({ document: false, color: flags.color });
  const doc = redactDeep(await runContext(flags, printNote));
  const render = format === 'json' ? (candidate: ContextDocument) => `${JSON.stringify(ContextDocument.parse(candidate), null, 2)}\n` : contextMarkdown;
  const text = flags.maxBytes ? fitToBytes(doc, flags.maxBytes, render, format === 'json' ? 'whole' : 'cut') : render(doc);
  // --max-bytes counts what is printed: colour codes would push it over the limit.
  const reading = format === 'markdown' && out.tty && out.color && !flags.maxBytes;
  printDocument(reading ? forReading(text) : text);
  return 0;
}
