import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testEnv } from './cli.js';

/** Runs git in a test repo with a fixed identity. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: testEnv(), encoding: 'utf8' }).trim();
}

/** A throwaway infra repo: the files given, committed on branch main. */
export function makeRepo(files: Record<string, string>, options: { commit?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'blumeops-test-'));
  git(dir, 'init', '--quiet', '--initial-branch=main');
  writeFiles(dir, files);
  if (options.commit !== false) commitAll(dir, 'initial commit');
  return dir;
}

/** Copies a folder (e.g. examples/homelab) into a new committed repo. */
export function copyRepo(source: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'blumeops-test-'));
  cpSync(source, dir, { recursive: true });
  git(dir, 'init', '--quiet', '--initial-branch=main');
  commitAll(dir, 'initial commit');
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

/**
 * The ledger lines of a test repo, oldest first; no ledger file is no lines. A line that is not JSON
 * fails the test: an "empty ledger" check must not pass on a corrupt one.
 */
export function ledger(dir: string): Record<string, unknown>[] {
  const file = path.join(dir, '.git/blumeops/ledger.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch (error) {
        throw new Error(`${file}:${number}: not a JSON line (${(error as Error).message}): ${line.slice(0, 200)}`);
      }
    });
}

/** Every file of every run of a test repo, joined (the logs, apply.json): plans and applies (`runs/`) and read-only runs (`reads/`). */
export function runLogs(dir: string): string {
  return ['runs', 'reads']
    .map((folder) => path.join(dir, '.git/blumeops', folder))
    .filter((folder) => existsSync(folder))
    .flatMap((folder) => readdirSync(folder).flatMap((run) => readdirSync(path.join(folder, run)).map((file) => readFileSync(path.join(folder, run, file), 'utf8'))))
    .join('\n');
}
