/**
 * Looking at and poking the argocd emulator's world from a test: the calls it logged, the files
 * blumeops wrote, and what happens in a cluster outside ArgoCD — a live edit (`kubectl edit`),
 * a fault switched on — written under the emulator's own state lock.
 */
import { closeSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Just the `argocd app sync NAME` / `app set` / `app list` calls, as `verb name` strings. */
export function callSummary(calls: string[][]): string[] {
  return calls.filter((argv) => argv[0] === 'app').map((argv) => (argv[1] === 'list' ? 'list' : `${argv[1]} ${argv[2]}`));
}

/** Every file under `dir` (e.g. .git/blumeops: run logs, ledger, lock). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

/** argv of every argocd invocation logged to `logPath` (ARGOCD_EMULATOR_LOG), oldest first. */
export function readCalls(logPath: string): string[][] {
  try {
    return readFileSync(logPath, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { argv: string[] }).argv);
  } catch {
    return [];
  }
}

type State = { apps: { metadata: { name: string }; status: Record<string, any> }[]; faults?: Record<string, unknown> };

/** Read-modify-write of the state under `<state>.lock`, the lock the emulator itself takes. */
export async function editState(statePath: string, edit: (state: State) => void): Promise<void> {
  const lock = `${statePath}.lock`;
  for (let tries = 0; ; tries++) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries > 500) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  try {
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as State;
    edit(state);
    writeFileSync(`${statePath}.tmp`, JSON.stringify(state, null, 2));
    renameSync(`${statePath}.tmp`, statePath);
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Someone edits an app's workload by hand: ArgoCD sees its Deployment, and so the app, OutOfSync. */
export function liveEdit(statePath: string, name: string): Promise<void> {
  return editState(statePath, (state) => {
    const app = state.apps.find((candidate) => candidate.metadata.name === name);
    if (!app) throw new Error(`no live app ${name}`);
    app.status.sync = { ...app.status.sync, status: 'OutOfSync' };
    for (const resource of app.status.resources ?? []) resource.status = 'OutOfSync';
  });
}

/** Switch an emulator fault on for `name` (e.g. syncFail: its syncs fail from now on). */
export function addFault(statePath: string, fault: string, name: string): Promise<void> {
  return editState(statePath, (state) => {
    const faults = (state.faults ??= {});
    faults[fault] = [...((faults[fault] as string[] | undefined) ?? []), name];
  });
}
