import { isScalar, visit, type Document, type LineCounter, type Node } from 'yaml';
import { BlumeopsError } from '../errors.js';

/**
 * The plain data of a parsed blumeops.yaml. The yaml library resolves aliases and merge keys only
 * here and throws a ReferenceError for an alias without its anchor (`*x` before or without `&x`) or
 * for an alias bomb, and an Error for a merge key whose value is no mapping; all are the file's
 * fault, so they become a BlumeopsError at the alias or the merge key.
 */
export function yamlData(doc: Document, lineCounter: LineCounter, file: string, displayFile: string): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    if (error instanceof Error && /^Merge sources must be/.test(error.message)) throw mergeError(doc, lineCounter, file, displayFile);
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

/** `<<: x` where x is no mapping (nor an alias of one): the yaml library's plain Error, at the merge key. */
function mergeError(doc: Document, lineCounter: LineCounter, file: string, displayFile: string): BlumeopsError {
  let at = 0;
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.source !== '<<') return undefined;
      at = pair.key.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  const { line, col } = lineCounter.linePos(at);
  return new BlumeopsError(`${displayFile}:${line}:${col}: YAML merge key error: \`<<\` takes a mapping or an alias of one (\`<<: *defaults\`)`, {
    location: { file, line, col },
    hint: 'anchor the shared keys (x-defaults: &defaults { … }) and merge them with <<: *defaults',
  });
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

