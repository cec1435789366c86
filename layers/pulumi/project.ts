/**
 * What preview and up share: the project directory (checked before pulumi runs), the flags every
 * call carries, and the environment that keeps pulumi quiet and machine-readable.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { BlumeopsError } from '../../src/errors.js';
import type { LayerContext } from '../../src/reconciler.js';
import type { PulumiConfig } from './schema.js';

/**
 * No update-check chatter, no colour markup in messages, and `preview --json` stays one document
 * even when the operator's shell enables the streaming preview.
 */
export const PULUMI_ENV: Record<string, string> = {
  PULUMI_SKIP_UPDATE_CHECK: 'true',
  NO_COLOR: '1',
  PULUMI_ENABLE_STREAMING_JSON_PREVIEW: 'false',
};

async function isDirectory(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isDirectory() ?? false;
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

/** pulumi finds its project file under any of its encodings' extensions. */
async function hasProjectFile(dir: string): Promise<boolean> {
  for (const name of ['Pulumi.yaml', 'Pulumi.yml', 'Pulumi.json']) if (await isFile(path.join(dir, name))) return true;
  return false;
}

/** The absolute project directory, once it is known to hold a Pulumi.yaml. */
export async function projectDir(ctx: LayerContext<PulumiConfig>): Promise<string> {
  const dir = path.join(ctx.dir, ctx.config.dir);
  if (!(await isDirectory(dir))) {
    throw new BlumeopsError(`layer ${ctx.name}: the Pulumi project directory ${ctx.config.dir} does not exist (${dir})`, {
      hint: 'set dir: in blumeops.yaml to the folder that holds Pulumi.yaml, relative to the repo root',
    });
  }
  if (!(await hasProjectFile(dir))) {
    throw new BlumeopsError(`layer ${ctx.name}: ${ctx.config.dir} has no Pulumi.yaml`, {
      hint: `point dir: at the folder that holds the project's Pulumi.yaml, or create a project with: pulumi new --dir ${ctx.config.dir}`,
    });
  }
  return dir;
}

/** `--non-interactive --stack S --cwd DIR [--refresh]`: the flags after the command's own. */
export function commonArgs(config: PulumiConfig, cwd: string): string[] {
  return ['--non-interactive', '--stack', config.stack, '--cwd', cwd, ...(config.refresh ? ['--refresh'] : [])];
}
