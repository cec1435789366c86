/** Temp infra repos (as tests/helpers/repo.ts builds them) and reading blumeops' run logs back. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchEnv, tempDir } from './env.mjs';

export function git(dir, ...args) {
  return execFileSync('git', args, { cwd: dir, env: benchEnv(), encoding: 'utf8' }).trim();
}

export function writeFiles(dir, files) {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** A committed repo on branch main: a copy of `from` (if given) plus `files`. */
export function makeRepo(prefix, files = {}, { from } = {}) {
  const dir = tempDir(prefix);
  if (from) cpSync(from, dir, { recursive: true });
  writeFiles(dir, files);
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '--no-verify', '-m', 'bench repo');
  return dir;
}

const runsDir = (repo) => path.join(repo, '.git/blumeops/runs');

/** Deletes the run logs (big-output cases would otherwise keep 50 × 100 MB). */
export function clearRuns(repo) {
  rmSync(runsDir(repo), { recursive: true, force: true });
}

/** The newest run's folder. */
export function latestRun(repo) {
  const dirs = readdirSync(runsDir(repo)).map((name) => path.join(runsDir(repo), name));
  if (dirs.length === 0) throw new Error(`no run logs in ${runsDir(repo)}`);
  return dirs.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/**
 * The tool calls of the newest run, from the `$ ` and `  cwd: ` lines of each layer's log:
 * layer → [{ tool, args, cwd }], in the order they ran.
 */
export function loggedCalls(repo) {
  const run = latestRun(repo);
  const calls = {};
  for (const file of readdirSync(run).filter((name) => name.endsWith('.log')).sort()) {
    const layer = file.slice(0, -4);
    calls[layer] = [];
    for (const line of readFileSync(path.join(run, file), 'utf8').split('\n')) {
      if (line.startsWith('$ ')) {
        const [tool, ...args] = splitCommand(line.slice(2));
        calls[layer].push({ tool, args, cwd: undefined });
      } else if (line.startsWith('  cwd: ') && calls[layer].length > 0) {
        calls[layer].at(-1).cwd = line.slice(7);
      }
    }
  }
  return calls;
}

/** Splits a command line quoted as src/exec/quote.ts does it (words, 'single quotes', '\''). */
export function splitCommand(line) {
  const words = [];
  let word = null;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === ' ') {
      if (word !== null) words.push(word);
      word = null;
    } else if (char === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (char === '\\' && line[i + 1] === "'") {
      word = (word ?? '') + "'";
      i += 1;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/**
 * Creates pulumi stacks in the emulator's state file, as `pulumi stack init` would: a stack's
 * Pulumi.<stack>.yaml alone is no stack (stacks: { name: project }).
 */
export function initEmulatorStacks(stateFile, stacks) {
  const state = { version: 1, stacks: {}, selected: {} };
  for (const [stack, project] of Object.entries(stacks)) state.stacks[stack] = { project, resources: {} };
  writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
}
