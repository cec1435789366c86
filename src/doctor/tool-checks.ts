import { runCommand } from '../exec/command.js';
import { which } from '../exec/which.js';
import type { ToolSpec } from '../reconciler.js';
import { fail, ok, skip, warn, type DoctorCheck } from './schema.js';
import { failure } from './failure.js';
import { compareVersions, extractVersion } from './version.js';

type Auth = NonNullable<ToolSpec['auth']>;

export interface ToolCheckOptions {
  /** Where the tool runs (the repo root when known). */
  cwd: string;
  /** Env keys that layers needing this tool set in blumeops.yaml (see checkAuth). */
  layerEnvKeys?: ReadonlySet<string>;
  versionTimeoutMs?: number;
  authTimeoutMs?: number;
}

/** The rows of one tool: found on PATH with a recent enough version, then its auth (when the spec has one). */
export async function checkTool(spec: ToolSpec, options: ToolCheckOptions): Promise<DoctorCheck[]> {
  const auth = spec.auth;
  const authName = `${spec.name} auth`;
  const binary = which(spec.name);
  if (!binary) {
    const rows = [fail(spec.name, 'not found on PATH', `install it: ${spec.install}`)];
    if (auth) rows.push(skip(authName, `${spec.name} is not installed`));
    return rows;
  }
  const rows = await Promise.all([checkVersion(spec, binary, options), auth ? checkAuth(spec.name, binary, auth, options) : undefined]);
  return rows.filter((row): row is DoctorCheck => row !== undefined);
}

async function checkVersion(spec: ToolSpec, binary: string, options: ToolCheckOptions): Promise<DoctorCheck> {
  if (!spec.versionArgs) return ok(spec.name, binary);
  const command = `${spec.name} ${spec.versionArgs.join(' ')}`;
  const result = await runCommand(binary, spec.versionArgs, options.cwd, { timeoutMs: options.versionTimeoutMs ?? 15_000 });
  const version = result.exitCode === 0 ? extractVersion(`${result.stdout}\n${result.stderr}`) : undefined;
  if (!version) return warn(spec.name, `${binary}, but \`${command}\` ${failure(result) ?? 'printed no x.y.z version'}`, spec.minVersion ? `blumeops needs ≥ ${spec.minVersion}; check that ${binary} works` : null);
  if (spec.minVersion && compareVersions(version, spec.minVersion) < 0) {
    return fail(spec.name, `${version} is older than ${spec.minVersion} (${binary})`, `upgrade it: ${spec.install}`);
  }
  return ok(spec.name, `${version} (${binary})`);
}

/**
 * Runs the spec's auth command with blumeops' own environment. With `jsonField` that field of stdout
 * must be true (argocd exits 0 even with a bad token); else exit 0 means logged in. When a layer's env
 * sets one of `auth.env` (a token from 1Password), the tool logs in that way at run time: skipped.
 */
async function checkAuth(tool: string, binary: string, auth: Auth, options: ToolCheckOptions): Promise<DoctorCheck> {
  const name = `${tool} auth`;
  const fromLayer = (auth.env ?? []).filter((key) => options.layerEnvKeys?.has(key));
  if (fromLayer.length > 0) return skip(name, `the layer env sets ${fromLayer.join(', ')}: checked when a layer runs`);
  const command = `${tool} ${auth.args.join(' ')}`;
  const result = await runCommand(binary, auth.args, options.cwd, { timeoutMs: options.authTimeoutMs ?? 30_000 });
  const problem = failure(result);
  if (problem) return fail(name, `\`${command}\` ${problem}`, auth.fix);
  if (!auth.jsonField) return ok(name, `\`${command}\`${summaryOf(result.stdout)}`);
  let value: unknown;
  try {
    value = (JSON.parse(result.stdout) as Record<string, unknown>)[auth.jsonField];
  } catch {
    return fail(name, `\`${command}\` did not print JSON`, auth.fix);
  }
  if (value === true) return ok(name, `\`${command}\`: ${auth.jsonField} is true`);
  return fail(name, `\`${command}\`: ${auth.jsonField} is ${JSON.stringify(value ?? null)}`, auth.fix);
}

/** ` → erich` for a one-line answer like `pulumi whoami`'s; nothing for tables or JSON. */
function summaryOf(stdout: string): string {
  const lines = stdout.split('\n').filter((line) => line.trim());
  const first = lines[0]?.trim();
  return lines.length === 1 && first && first.length <= 60 && !/^[[{]/.test(first) ? `: ${first}` : ' succeeded';
}
