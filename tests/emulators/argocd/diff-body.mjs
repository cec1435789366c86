// Bodies for `app diff`: a real line diff in `diff`'s normal format (`12c12`, `<`, `---`, `>`),
// and plausible generated bodies for resources whose manifests the emulator does not have.
import { createHash } from 'node:crypto';

function range(from, to) {
  return from + 1 === to ? `${to}` : `${from + 1},${to}`;
}

function hunk(a, b, i0, i1, j0, j1) {
  const del = a.slice(i0, i1).map((l) => `< ${l}\n`).join('');
  const add = b.slice(j0, j1).map((l) => `> ${l}\n`).join('');
  if (i1 > i0 && j1 > j0) return `${range(i0, i1)}c${range(j0, j1)}\n${del}---\n${add}`;
  if (i1 > i0) return `${range(i0, i1)}d${j0}\n${del}`;
  return `${i0}a${range(j0, j1)}\n${add}`;
}

/** `diff OLD NEW` in normal format, from two arrays of lines (LCS; manifests are small). */
export function normalDiff(a, b) {
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  let text = '';
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    const i0 = i;
    const j0 = j;
    while ((i < n || j < m) && !(i < n && j < m && a[i] === b[j])) {
      if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) i++;
      else j++;
    }
    text += hunk(a, b, i0, i, j0, j);
  }
  return text;
}

function lineNo(name, min, span) {
  return min + (createHash('sha1').update(name).digest()[0] % span);
}

function manifestLines(r) {
  const apiVersion = r.group ? `${r.group}/${r.version ?? 'v1'}` : r.version ?? 'v1';
  const lines = [`apiVersion: ${apiVersion}`, `kind: ${r.kind}`, 'metadata:', '  labels:', `    app.kubernetes.io/instance: ${r.name}`, `  name: ${r.name}`];
  if (r.namespace) lines.push(`  namespace: ${r.namespace}`);
  if (['Deployment', 'StatefulSet'].includes(r.kind)) lines.push('spec:', '  replicas: 1');
  return lines;
}

function changedLines(r) {
  switch (r.kind) {
    case 'Deployment':
    case 'StatefulSet':
      return ['  replicas: 1', '  replicas: 2'];
    case 'DaemonSet':
    case 'CronJob':
    case 'Job':
      return [`      - image: registry.example/${r.name}:1.0.0`, `      - image: registry.example/${r.name}:1.1.0`];
    case 'ConfigMap':
      return ['  LOG_LEVEL: info', '  LOG_LEVEL: debug'];
    case 'Application':
      return ['    targetRevision: main', '    targetRevision: HEAD'];
    default:
      return ['    app.kubernetes.io/version: "1.0"', '    app.kubernetes.io/version: "1.1"'];
  }
}

/** A generated body: addition when the live object is missing, deletion when it must be pruned. */
export function generatedBody(r) {
  if (r.health?.status === 'Missing') return normalDiff([], manifestLines(r));
  if (r.requiresPruning) return normalDiff(manifestLines(r), []);
  const [before, after] = changedLines(r);
  const n = lineNo(`${r.kind}/${r.namespace}/${r.name}`, 8, 30);
  return `${n}c${n}\n< ${before}\n---\n> ${after}\n`;
}
