/**
 * argocd argument arrays (docs/tools/argocd.md). Pure. The token never appears here: it
 * reaches argocd as ARGOCD_AUTH_TOKEN in the child's environment.
 */
import { parseDuration } from '../../src/duration.js';
import type { ArgocdConfig } from './schema.js';

type Connection = Pick<ArgocdConfig, 'server' | 'grpcWeb' | 'core'>;

export function connectionArgs(config: Connection): string[] {
  const args: string[] = [];
  if (config.core) args.push('--core');
  else if (config.server) args.push('--server', config.server);
  if (config.grpcWeb) args.push('--grpc-web');
  return args;
}

/** `waitTimeout` in whole seconds, as `--timeout` wants it. */
export function timeoutSeconds(config: Pick<ArgocdConfig, 'waitTimeout'>): number {
  return Math.max(1, Math.ceil(parseDuration(config.waitTimeout) / 1000));
}

export function listArgs(config: Connection): string[] {
  return ['app', 'list', '-o', 'json', ...connectionArgs(config)];
}

/** `--diff-exit-code 3`: 0 = no diff, 3 = diff, 1 = fatal, 20 = API error (v2.14+). */
export function diffArgs(config: Connection, name: string, revision?: string): string[] {
  const at = revision === undefined ? [] : ['--revision', revision];
  return ['app', 'diff', name, '--diff-exit-code', '3', ...at, ...connectionArgs(config)];
}

export interface SyncArgs {
  prune: boolean;
  /** `--resource GROUP:KIND:NAME` selections (root sync restricted to the targeted apps). */
  resources?: string[];
  timeout: number;
  extraArgs: readonly string[];
}

export function syncArgs(config: Connection, name: string, options: SyncArgs): string[] {
  const args = ['app', 'sync', name, '-o', 'json', '--timeout', String(options.timeout)];
  if (options.prune) args.push('--prune');
  for (const resource of options.resources ?? []) args.push('--resource', resource);
  return [...args, ...connectionArgs(config), ...options.extraArgs];
}

export function waitArgs(config: Connection, name: string, timeout: number): string[] {
  return ['app', 'wait', name, '--sync', '--health', '--timeout', String(timeout), ...connectionArgs(config)];
}

/** `--source-position` (1-based) is required for multi-source apps. */
export function setRevisionArgs(config: Connection, name: string, revision: string, sourcePosition?: number): string[] {
  const position = sourcePosition === undefined ? [] : ['--source-position', String(sourcePosition)];
  return ['app', 'set', name, '--revision', revision, ...position, ...connectionArgs(config)];
}
