import { visit, type Document, type LineCounter, type Node } from 'yaml';
import { BlumeopsError } from '../errors.js';

/**
 * The plain data of a parsed blumeops.yaml. The yaml library resolves aliases only here and throws a
 * ReferenceError for an alias without its anchor (`*x` before or without `&x`) or for an alias bomb;
 * both are the file's fault, so they become a BlumeopsError at the alias.
 */
export function yamlData(doc: Document, lineCounter: LineCounter, file: string, displayFile: string): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const name = /: (\S+)$/.exec(error.message)?.[1];
    const alias = firstAlias(doc, name) ?? firstAlias(doc);
    const { line, col } = lineCounter.linePos(alias?.range?.[0] ?? 0);
    const reason = error.message.replace(/ \(the anchor must be set before the alias\)/, '');
    throw new BlumeopsError(`${displayFile}:${line}:${col}: YAML alias error: ${reason}`, {
      location: { file, line, col },
      hint: 'define the anchor (&name) before its alias (*name), and use aliases sparingly',
    });
  }
}

function firstAlias(doc: Document, name?: string): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Alias(_, node) {
      if (name !== undefined && node.source !== name) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

