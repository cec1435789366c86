import { parseAllDocuments } from 'yaml';

/** An infra repo as the scanners see it: its files and their contents, nothing else (pure, testable). */
export interface RepoView {
  /** Repo-relative POSIX paths of every file, sorted. */
  files: readonly string[];
  /** A file's text, or undefined when it cannot be read (or is too big to be config). */
  text(file: string): string | undefined;
  /** The documents of a `.yml`/`.yaml` file as plain values; undefined when it is not valid YAML. */
  yaml(file: string): unknown[] | undefined;
}

/** Wraps a file list and a reader; YAML is parsed once per file, on demand. */
export function repoView(files: readonly string[], read: (file: string) => string | undefined): RepoView {
  const parsed = new Map<string, unknown[] | undefined>();
  const sorted = [...files].sort();
  return {
    files: sorted,
    text: read,
    yaml(file) {
      if (!/\.ya?ml$/i.test(file)) return undefined;
      if (!parsed.has(file)) parsed.set(file, parseYaml(read(file)));
      return parsed.get(file);
    },
  };
}

/** Every document, or undefined when any document has an error (templated YAML, not YAML at all). */
export function parseYaml(text: string | undefined): unknown[] | undefined {
  if (text === undefined) return undefined;
  try {
    const docs = parseAllDocuments(text, { logLevel: 'error', uniqueKeys: false });
    if (!Array.isArray(docs) || docs.some((doc) => doc.errors.length > 0)) return undefined;
    return docs.map((doc) => doc.toJS({ maxAliasCount: 100 }) as unknown).filter((value) => value !== null && value !== undefined);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 'a/b/c.yml' → 'a/b'; 'c.yml' → '.'. */
export function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '.' : file.slice(0, slash);
}

/** 'a/b/c.yml' → 'c.yml'. */
export function baseOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** 'dir' + 'file' → 'dir/file', without a leading './'. */
export function joinPath(dir: string, file: string): string {
  return dir === '.' || dir === '' ? file : `${dir}/${file}`;
}
