// Reading a root's desired children: every *.yaml / *.yml directly in its source folder (Argo CD's
// directory source is not recursive), all YAML documents, only `kind: Application`. The folder is
// read from the root's repoURL at its targetRevision (git-source.mjs), as Argo CD reads the remote;
// `roots.<name>.appsDir` instead reads a plain folder (a work tree: kinder than Argo CD, for demos).
import fs from 'node:fs';
import path from 'node:path';
import { sourcesOf } from './app-model.mjs';
import { EmulatorError } from './errors.mjs';
import { manifestError, sourceFiles } from './git-source.mjs';
import { findApp } from './state.mjs';

function folderFiles(appsDir) {
  let names;
  try {
    names = fs.readdirSync(appsDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    throw manifestError(`${appsDir}: app path does not exist`);
  }
  return names
    .map((name) => ({ name, full: path.join(appsDir, name) }))
    .filter(({ full }) => fs.statSync(full).isFile())
    .map(({ name, full }) => ({ name, text: fs.readFileSync(full, 'utf8') }));
}

function rootFiles(state, rootName) {
  const appsDir = state.roots?.[rootName]?.appsDir;
  if (typeof appsDir === 'string' && appsDir) return folderFiles(appsDir);
  const root = findApp(state, rootName);
  const fromGit = root ? sourceFiles(state, sourcesOf(root)[0]) : null;
  if (!fromGit) {
    throw new EmulatorError(`roots.${rootName}: give appsDir, or make the root's repoURL a local git repository (or map it in repos)`);
  }
  return fromGit.files;
}

/** The Application documents of root `rootName`. */
export async function readGitApps(state, rootName) {
  const files = rootFiles(state, rootName).sort((a, b) => a.name.localeCompare(b.name));
  const { default: YAML } = await import('yaml');
  const apps = [];
  for (const file of files) {
    for (const doc of YAML.parseAllDocuments(file.text)) {
      if (doc.errors?.length) {
        throw manifestError(`failed to unmarshal "${file.name}": ${doc.errors[0].message.split('\n')[0]}`);
      }
      const obj = doc.toJS();
      if (obj && obj.kind === 'Application' && obj.metadata?.name) apps.push(obj);
    }
  }
  return apps;
}
