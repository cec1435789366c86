/**
 * The registry: every kind blumeops knows, one import and one entry each, alphabetical.
 * The engine, the CLI, `doctor` and the docs reach kinds only through this list.
 */
import type { Reconciler } from '../src/reconciler.js';
import { reconciler as ansible } from './ansible/index.js';
import { reconciler as argocd } from './argocd/index.js';
import { reconciler as pulumi } from './pulumi/index.js';

export const registry: readonly Reconciler<any>[] = [ansible, argocd, pulumi];

export function findKind(kind: string): Reconciler<any> | undefined {
  return registry.find((reconciler) => reconciler.kind === kind);
}
