// Reading a root's desired children from Git: every *.yaml / *.yml directly in `appsDir` (ArgoCD's
// directory source is not recursive), all YAML documents, only `kind: Application`.
import fs from 'node:fs';
import path from 'node:path';
import { EmulatorError, rpcError } from './errors.mjs';

function manifestError(detail) {
  return rpcError('Unknown', `Manifest generation error (cached): ${detail}`);
}

/** The Application documents of root `rootName` (state.roots[rootName].appsDir). */
export async function readGitApps(state, rootName) {
  const appsDir = state.roots?.[rootName]?.appsDir;
  if (typeof appsDir !== 'string' || !appsDir) {
    throw new EmulatorError(`roots.${rootName}.appsDir must be the absolute path of a folder of manifests`);
  }
  let files;
  try {
    files = fs.readdirSync(appsDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    throw manifestError(`${appsDir}: app path does not exist`);
  }
  const { default: YAML } = await import('yaml');
  const apps = [];
  for (const file of files) {
    const full = path.join(appsDir, file);
    if (!fs.statSync(full).isFile()) continue;
    const docs = YAML.parseAllDocuments(fs.readFileSync(full, 'utf8'));
    for (const doc of docs) {
      if (doc.errors?.length) {
        throw manifestError(`failed to unmarshal "${file}": ${doc.errors[0].message.split('\n')[0]}`);
      }
      const obj = doc.toJS();
      if (obj && obj.kind === 'Application' && obj.metadata?.name) apps.push(obj);
    }
  }
  return apps;
}
