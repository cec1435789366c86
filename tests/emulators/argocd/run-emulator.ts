import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ARGOCD_EMULATOR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'argocd');

export interface EmulatorResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the emulator with `args` on the state file `statePath`, and no ARGOCD_* of the caller's
 * environment but those in `env` (an undefined value leaves a variable out).
 */
export function runArgocdEmulator(statePath: string, args: string[], env: Record<string, string | undefined> = {}): Promise<EmulatorResult> {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(base)) if (key.startsWith('ARGOCD_')) delete base[key];
  return new Promise((resolve, reject) => {
    const child = spawn(ARGOCD_EMULATOR, args, { env: { ...base, ARGOCD_EMULATOR_STATE: statePath, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => (stdout += data));
    child.stderr.on('data', (data) => (stderr += data));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
