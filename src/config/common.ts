import * as z from 'zod';
import { isDuration } from '../duration.js';

export const LAYER_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** The keys every layer has, whatever its kind. */
export const COMMON_KEYS = ['kind', 'needs', 'env', 'paths', 'timeout'] as const;

const EnvValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const CommonLayer = z.object({
  kind: z.string({ error: 'expected a string naming the kind' }),
  needs: z.array(z.string()).default([]),
  env: z.record(z.string(), EnvValue).default({}),
  paths: z.array(z.string()).optional(),
  timeout: z
    .string()
    .refine(isDuration, { message: 'expected a duration such as 90s, 30m or 1h' })
    .default('30m'),
});
export type CommonLayer = z.infer<typeof CommonLayer>;

export const ConfigFile = z.strictObject({
  version: z.literal(1, { error: 'expected version: 1' }),
  layers: z.record(z.string(), z.record(z.string(), z.unknown()), { error: 'expected a map of layer names to layers' }),
});
export type ConfigFile = z.infer<typeof ConfigFile>;
