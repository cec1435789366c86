/**
 * The program's dependency step (a Python program's `uv sync`, a Node program's `npm ci`) before
 * preview or up: the layer's `prepare` command, else `pulumi install` when Pulumi.yaml's runtime
 * options say how (https://www.pulumi.com/docs/iac/cli/commands/pulumi_install/), else nothing.
 * Once per process and commit: plan then apply in one run prepare once; watch prepares again after a pull.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { BlumeopsError, InterruptedError, ToolError } from '../../src/errors.js';
import type { LayerContext } from '../../src/reconciler.js';
import { PULUMI_ENV } from './project.js';
import type { PulumiConfig } from './schema.js';

/** Runtime options that tell pulumi how to install the program's dependencies. */
const INSTALL_OPTIONS = ['toolchain', 'virtualenv', 'packagemanager'];

const prepared = new Set<string>();

export async function prepareProject(ctx: LayerContext<PulumiConfig>, cwd: string): Promise<void> {
  const command = await prepareCommand(ctx.config.prepare, cwd);
  if (!command) return;
  const key = `${cwd}\0${ctx.commit ?? ''}\0${command.join(' ')}`;
  if (prepared.has(key)) return;
  const shown = command.join(' ');
  ctx.emit({ type: 'progress', message: `preparing: ${shown}` });
  try {
    await ctx.run(command[0], command.slice(1), { cwd, env: command[0] === 'pulumi' ? PULUMI_ENV : {} });
  } catch (error) {
    throw prepareFailure(error, shown, ctx.config.dir);
  }
  prepared.add(key);
}

/** The command to run, or undefined: `prepare` when set, else `pulumi install` when the runtime options call for it. */
export async function prepareCommand(prepare: PulumiConfig['prepare'], cwd: string): Promise<string[] | undefined> {
  if (prepare === false) return undefined;
  if (typeof prepare === 'string') return prepare.split(/\s+/).filter(Boolean);
  if (Array.isArray(prepare)) return prepare;
  return (await runtimeInstalls(cwd)) ? ['pulumi', 'install', '--non-interactive'] : undefined;
}

async function runtimeInstalls(cwd: string): Promise<boolean> {
  for (const name of ['Pulumi.yaml', 'Pulumi.yml']) {
    const text = await readFile(path.join(cwd, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    try {
      const runtime = (parse(text) as { runtime?: unknown } | null)?.runtime;
      const options = typeof runtime === 'object' && runtime !== null ? (runtime as { options?: unknown }).options : undefined;
      return typeof options === 'object' && options !== null && INSTALL_OPTIONS.some((key) => key in options);
    } catch {
      return false; // pulumi itself reports a broken Pulumi.yaml, in its own words
    }
  }
  return false;
}

function prepareFailure(error: unknown, shown: string, dir: string): unknown {
  if (error instanceof InterruptedError || !(error instanceof BlumeopsError)) return error;
  const hint = `it runs in ${dir} before pulumi (\`prepare:\` in blumeops.yaml; \`prepare: false\` skips it); run it there by hand to see why${error.hint ? `\n${error.hint}` : ''}`;
  if (error instanceof ToolError) {
    return new ToolError({ tool: error.tool, message: `the dependency step \`${shown}\` failed: ${error.message}`, exitCode: error.toolExitCode, tail: error.tail, logPath: error.logPath, hint });
  }
  return new BlumeopsError(`the dependency step \`${shown}\` failed: ${error.message}`, { hint });
}
