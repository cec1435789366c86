/**
 * The pulumi kind: a Pulumi project directory and stack as a layer. `blumeops preview tailnet`
 * runs `pulumi preview --json`; `blumeops up tailnet` runs `pulumi up --yes --skip-preview --json`.
 * Kept light: `blumeops --help` loads this file, so zod and the parsers load only when used.
 */
import type { Reconciler } from '../../src/reconciler.js';
import type { PulumiConfig } from './schema.js';

export const reconciler = {
  kind: 'pulumi',
  description: 'Pulumi project + stack: preview the diff against the refreshed stack, up to apply it',
  verbs: { apply: 'up', plan: 'preview' },
  tools: [
    {
      name: 'pulumi',
      install: 'curl -fsSL https://get.pulumi.com | sh (or: brew install pulumi, mise use pulumi)',
      versionArgs: ['version'],
      minVersion: '3.100.0',
      auth: { args: ['whoami'], env: ['PULUMI_ACCESS_TOKEN', 'PULUMI_BACKEND_URL'], fix: 'run `pulumi login` (or `pulumi login file://DIR` for a local backend, or set PULUMI_ACCESS_TOKEN)' },
    },
  ],
  loadSchema: async () => (await import('./schema.js')).PulumiConfig,
  defaultPaths: (config) => [config.dir],
  plan: async (ctx) => (await import('./plan.js')).planPulumi(ctx),
  apply: async (ctx, plan) => (await import('./apply.js')).applyPulumi(ctx, plan),
  detect: async () => (await import('./detect.js')).detector,
  describe: async (ctx) => (await import('./describe.js')).describePulumi(ctx),
} satisfies Reconciler<PulumiConfig>;
