import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The CLI under test; BLUMEOPS_BIN points the e2e tests at another build (e.g. an old one, to see them fail). */
export const BIN = process.env.BLUMEOPS_BIN ?? path.join(PROJECT_ROOT, 'bin/blumeops.js');
export const EMULATORS = ['pulumi', 'argocd', 'op'].map((tool) => path.join(PROJECT_ROOT, 'tests/emulators', tool));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a test run: emulators first on PATH, no CI colour games, a fixed git identity. */
export function testEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [...EMULATORS, process.env.PATH].join(path.delimiter),
    CI: 'true',
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    ...extra,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

/**
 * Runs the built bin/blumeops in `cwd` and resolves when it exits. Asynchronous on purpose: a
 * spawnSync would block vitest's worker, whose RPC times out on long e2e files.
 */
export function blumeops(args: string[], options: { cwd: string; env?: Record<string, string | undefined>; input?: string }): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: testEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts bin/blumeops in the background (for signal tests). */
export function startBlumeops(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: testEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, ...output })));
  return { child, output, exited };
}

/** Waits until `predicate` holds (polling), or fails after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
