import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';

/** A layer of blumeops.yaml as written, before any validation. */
export interface RawLayer {
  name: string;
  /** The `kind` value when it is a string. */
  kind?: string;
  /** The `env` values that are strings, numbers or booleans, as strings. */
  env: Record<string, string>;
}

/**
 * The layers of a blumeops.yaml read leniently: for shell completion (fast, no zod, and still useful
 * while the file has a mistake) and for `doctor` when the file does not validate. Undefined when the
 * file cannot be read or is not YAML.
 */
export async function readRawLayers(file: string): Promise<RawLayer[] | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const doc = parseDocument(text, { prettyErrors: false, merge: true });
  if (doc.errors.length > 0) return undefined;
  let data: unknown;
  try {
    data = doc.toJS();
  } catch {
    return undefined; // a broken alias or merge key: loadConfig says where
  }
  const layers = (data as { layers?: unknown } | null)?.layers;
  if (!isRecord(layers)) return [];
  return Object.entries(layers).map(([name, value]) => {
    const layer = isRecord(value) ? value : {};
    const env = isRecord(layer.env) ? layer.env : {};
    return {
      name,
      kind: typeof layer.kind === 'string' ? layer.kind : undefined,
      env: Object.fromEntries(Object.entries(env).filter(([, item]) => ['string', 'number', 'boolean'].includes(typeof item)).map(([key, item]) => [key, String(item)])),
    };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
