import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, testEnv, type CliResult } from './cli.js';

/** The real mise (docs/tools/mise.md), from the npm devDependency. */
export const MISE = path.join(PROJECT_ROOT, 'node_modules/.bin/mise');

/** A folder holding one executable `blumeops` script, to put first on PATH. */
export function blumeopsShim(script: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'blumeops-shim-'));
  writeFileSync(path.join(dir, 'blumeops'), script);
  chmodSync(path.join(dir, 'blumeops'), 0o755);
  return dir;
}

/** mise keeps trust state and caches under HOME / XDG dirs: a private one per test file, so nothing leaks. */
export function miseHome(): string {
  const home = mkdtempSync(path.join(os.tmpdir(), 'blumeops-mise-home-'));
  for (const dir of ['config', 'state', 'data', 'cache']) mkdirSync(path.join(home, dir));
  return home;
}

/** Runs the real mise in `repo`, trusting it, with `binDirs` first on PATH and the private home. */
export function runMise(args: string[], where: { repo: string; home: string; binDirs: string[] }, extra: Record<string, string> = {}): CliResult {
  const { repo, home } = where;
  const env = testEnv({
    PATH: [...where.binDirs, process.env.PATH].join(path.delimiter),
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_STATE_HOME: path.join(home, 'state'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    MISE_TRUSTED_CONFIG_PATHS: repo,
    MISE_YES: '1',
    // [tools] entries cannot be downloaded here: mise must not try.
    MISE_OFFLINE: '1',
    MISE_TASK_RUN_AUTO_INSTALL: '0',
    ...extra,
  });
  const result = spawnSync(MISE, args, { cwd: repo, env, encoding: 'utf8', input: '', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
