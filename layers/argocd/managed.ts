/**
 * Which live Applications the root (app-of-apps) manages (docs/tools/argocd.md, "Reading applications"): the root's own
 * `status.resources[]` Application entries, or the tracking mark on the child — the v2 label
 * `app.kubernetes.io/instance: <root>` or the v3 annotation `argocd.argoproj.io/tracking-id: <root>:…`.
 */
import type { LiveApp } from './schema.js';

export const INSTANCE_LABEL = 'app.kubernetes.io/instance';
export const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';

export interface RootView {
  /** Names of the Applications the root manages. */
  managed: Set<string>;
  /** Child Applications that are live but left the root's Git path (`requiresPruning: true`). */
  orphans: string[];
}

export function rootView(root: string | undefined, live: readonly LiveApp[]): RootView {
  const view: RootView = { managed: new Set(), orphans: [] };
  if (!root) return view;
  for (const app of live) {
    if (app.metadata.name === root) {
      for (const resource of app.status.resources ?? []) {
        if (!isApplication(resource)) continue;
        view.managed.add(resource.name);
        if (resource.requiresPruning) view.orphans.push(resource.name);
      }
    } else if (trackedBy(app) === root) {
      view.managed.add(app.metadata.name);
    }
  }
  return view;
}

/** The name of the app that tracks this one, from its annotation (preferred) or label. */
export function trackedBy(app: LiveApp): string | undefined {
  const trackingId = app.metadata.annotations?.[TRACKING_ANNOTATION];
  if (trackingId) {
    const owner = trackingId.split(':')[0];
    if (owner) return owner;
  }
  return app.metadata.labels?.[INSTANCE_LABEL] || undefined;
}

function isApplication(resource: { group?: string; kind: string }): boolean {
  return resource.kind === 'Application' && (resource.group === undefined || resource.group === 'argoproj.io');
}
