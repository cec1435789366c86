// `argocd app diff APPNAME [--exit-code=false] [--diff-exit-code N] [--refresh] [--revision R] [--local DIR]`
// Exit: N (default 1) when differences were printed, 0 when none, 2 on a wrong arg count, 20 on API errors.
import { sortKeys } from './app-model.mjs';
import { generatedBody, normalDiff } from './diff-body.mjs';
import { HelpExit, permissionDenied } from './errors.mjs';
import { readGitApps } from './git-apps.mjs';
import { logLine, out } from './output.mjs';
import { compareRoot } from './root.mjs';
import { openApi } from './session.mjs';
import { findApp, parseAppName } from './state.mjs';

/** Differences of a plain app: its OutOfSync resources (body from `diff` or generated). */
function appSections(app) {
  if (app.status?.sync?.status !== 'OutOfSync') return [];
  let resources = (app.status?.resources ?? []).filter((r) => r.status === 'OutOfSync' && !r.hook);
  if (resources.length === 0) {
    // OutOfSync with no resource listed (e.g. never deployed): show the app's workload as missing.
    const health = app.status?.health?.status === 'Missing' ? { status: 'Missing' } : undefined;
    resources = [{ group: 'apps', version: 'v1', kind: 'Deployment', namespace: app.spec?.destination?.namespace ?? '', name: app.metadata.name, health }];
  }
  return resources.map((r) => ({
    group: r.group ?? '', kind: r.kind, namespace: r.namespace ?? '', name: r.name,
    body: typeof r.diff === 'string' ? r.diff.replace(/\n?$/, '\n') : generatedBody(r),
  }));
}

function pick(map, keys) {
  const picked = Object.fromEntries(Object.entries(map ?? {}).filter(([k]) => !keys || keys.includes(k)));
  return Object.keys(picked).length ? picked : undefined;
}

/** An Application as a manifest, limited to what the root applies (for a fair comparison). */
function manifest(app, like) {
  const metadata = { name: app.metadata.name, namespace: app.metadata.namespace ?? 'argocd' };
  const labels = pick(app.metadata.labels, like && Object.keys(like.metadata.labels ?? {}));
  const annotations = pick(app.metadata.annotations, like && Object.keys(like.metadata.annotations ?? {}));
  if (labels) metadata.labels = labels;
  if (annotations) metadata.annotations = annotations;
  return sortKeys({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata, spec: app.spec ?? {} });
}

/** Differences of a root: its child Applications, live manifest against Git's. */
async function rootSections(state, name) {
  const { default: YAML } = await import('yaml');
  const lines = (obj) => (obj ? YAML.stringify(obj).trimEnd().split('\n') : []);
  const entries = compareRoot(state, name, await readGitApps(state, name));
  return entries
    .filter((e) => e.action !== 'same')
    .map((e) => ({
      group: 'argoproj.io', kind: 'Application', namespace: e.namespace, name: e.name,
      body: normalDiff(lines(e.live && manifest(e.live, e.desired)), lines(e.desired && manifest(e.desired))),
    }));
}

export async function run({ args, flags, path }) {
  if (args.length !== 1) throw new HelpExit(2, path);
  const { state } = await openApi(flags);
  const { name, namespace } = parseAppName(args[0], flags['app-namespace']);
  const app = findApp(state, name, namespace);
  if (!app) throw permissionDenied();
  if (flags.local && !flags['server-side-generate']) {
    logLine('warning', 'Using --local without --server-side-generate is deprecated and does not work with plugins. Server-side generation will be the default in v2.7.');
  }
  const sections = state.roots?.[name] ? await rootSections(state, name) : appSections(app);
  for (const s of sections) {
    out(`\n===== ${s.group}/${s.kind} ${s.namespace}/${s.name} ======\n${s.body}`);
  }
  return sections.length > 0 && flags['exit-code'] ? flags['diff-exit-code'] : 0;
}
