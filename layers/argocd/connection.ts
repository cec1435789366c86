/**
 * `argocd app list` is the first call of every plan, so it is where a missing login or server shows:
 * say which, and how to fix it, instead of argocd's raw exit code.
 */
import { ToolError, type BlindReason } from '../../src/errors.js';
import type { LayerContext, ToolResult } from '../../src/reconciler.js';
import { listArgs } from './args.js';
import { errorMessage } from './parse.js';
import type { ArgocdConfig } from './schema.js';

export async function listApps(ctx: LayerContext<ArgocdConfig>): Promise<ToolResult> {
  const result = await ctx.run('argocd', listArgs(ctx.config), { okExitCodes: [1, 20] });
  if (result.exitCode === 0) return result;
  const message = errorMessage(result.stderr) || `argocd exited with code ${result.exitCode}`;
  throw new ToolError({ tool: 'argocd', message: `argocd app list failed: ${message}`, exitCode: result.exitCode, tail: result.stderr, logPath: result.logPath, hint: connectionHint(message, ctx.name, result.logPath), reason: blindness(message) });
}

function blindness(message: string): BlindReason | undefined {
  if (/Unauthenticated|invalid session|token/i.test(message)) return 'not-signed-in';
  if (/connection|Unavailable|dial/i.test(message)) return 'unreachable';
  return undefined;
}

function connectionHint(message: string, layer: string, logPath: string): string {
  if (/Unauthenticated|invalid session|token/i.test(message)) {
    return `argocd is not logged in: give the layer a token (env: { ARGOCD_AUTH_TOKEN: op://vault/item/field } under layers.${layer}), or run \`argocd login SERVER\``;
  }
  if (/server address unspecified/i.test(message)) return `set layers.${layer}.server in blumeops.yaml (or ARGOCD_SERVER), or use core: true`;
  if (/connection|Unavailable|dial/i.test(message)) return `the ArgoCD API server did not answer: check layers.${layer}.server and grpcWeb; full output: ${logPath}`;
  return `full output: ${logPath}`;
}
