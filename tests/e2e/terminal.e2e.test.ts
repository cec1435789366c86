import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/cli.js';
import { FIVE_RESOURCES_PROGRAM, TAILNET_CONFIG } from '../helpers/config.js';
import { git, ledger, makeRepo, runLogs } from '../helpers/repo.js';
import { cursorLeftHidden, finalScreen } from '../helpers/screen.js';
import { runOnTerminal, type TerminalExit, type TerminalRun } from '../helpers/terminal.js';
import { pulumiStateFile } from '../helpers/pulumi-state.js';

/**
 * blumeops on a real (pseudo-)terminal, as a person runs it: Ctrl-C is byte 0x03 typed on the terminal,
 * so the kernel signals the whole foreground process group, not just blumeops. After each interruption:
 * exit 130, the ledger, the lock, the worktrees, and no process left anywhere (the foreground group, the
 * tools' own groups).
 */

interface Fixture {
  repo: string;
  env: Record<string, string>;
  lock: string;
  state: string;
}

function fixture(): Fixture {
  const repo = makeRepo({ 'blumeops.yaml': `${TAILNET_CONFIG}    refresh: false\n`, 'pulumi/tailscale/Pulumi.yaml': FIVE_RESOURCES_PROGRAM, 'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n' });
  const remote = mkdtempSync(path.join(os.tmpdir(), 'terminal-remote-'));
  git(remote, 'init', '--quiet', '--bare', '--initial-branch=main');
  git(repo, 'remote', 'add', 'origin', remote);
  git(repo, 'push', '--quiet', '-u', 'origin', 'main');
  const state = pulumiStateFile(path.join(mkdtempSync(path.join(os.tmpdir(), 'terminal-state-')), 'pulumi.json'));
  return { repo, env: { PULUMI_EMULATOR_STATE: state }, lock: path.join(repo, '.git/blumeops/lock'), state };
}

/** listr2's spinner frames. */
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

let runs: TerminalRun[] = [];
afterEach(async () => {
  await Promise.all(runs.map((run) => run.close()));
  runs = [];
});

function start(f: Fixture, args: string[], env: Record<string, string> = {}, size = { cols: 80, rows: 24 }): TerminalRun {
  const run = runOnTerminal(args, { cwd: f.repo, env: { ...f.env, ...env }, ...size });
  runs.push(run);
  return run;
}

/**
 * Waits until the emulated pulumi runs `verb`, so a Ctrl-C reaches a tool and not blumeops' start-up. A
 * preview shows nothing while it runs: one that gets the signal before node runs any JavaScript dies of
 * it instead of cancelling, which the preview cases accept.
 */
async function toolRunning(run: TerminalRun, verb: string): Promise<void> {
  const running = () => run.descendants().some((entry) => /pulumi\.mjs/.test(entry.command) && entry.command.includes(` ${verb}`));
  await waitFor(running, 20_000, `pulumi ${verb} to run; the terminal showed:\n${run.text()}`);
}

/** `pulumi up` shows its first resource starting: it is running, and handles signals itself. */
async function creating(run: TerminalRun): Promise<void> {
  await waitFor(() => run.text().includes('creating tailscale:'), 20_000, `pulumi up to start creating; the terminal showed:\n${run.text()}`);
}

/** pulumi received SIGINT: it says so, or (in its first milliseconds) dies of it. */
const GOT_SIGINT = /\^C received; cancelling|exit: killed by SIGINT/;

/**
 * What every interruption must leave: exit 130, no lock, no worktree, no process, a usable terminal.
 * Soft assertions: a failing run reports everything it left behind, not only the first thing.
 */
async function expectCleanInterrupt(f: Fixture, run: TerminalRun, exit: TerminalExit): Promise<void> {
  const screen = run.text();
  expect.soft(exit, `the terminal showed:\n${screen}`).toEqual({ code: 130, signal: null });
  expect.soft(screen).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?/);
  expect.soft(existsSync(f.lock), 'the lock is released').toBe(false);
  expect.soft(git(f.repo, 'worktree', 'list').split('\n'), 'no worktree is left').toHaveLength(1);
  // A process still dying from a SIGKILL gets a moment; one that was left running does not go away.
  await waitFor(() => run.descendants().length === 0, 1_500, 'the processes to go').catch(() => undefined);
  expect.soft(await run.groupProcesses(), 'processes left in the foreground group').toEqual([]);
  expect.soft(run.descendants(), 'processes left anywhere (the tools run in their own groups)').toEqual([]);
  expect.soft(cursorLeftHidden(run.raw()), 'the cursor is shown again').toBe(false);
  expect.soft(finalScreen(run.raw(), run.cols, run.rows).join('\n'), 'no spinner is left on the screen').not.toMatch(SPINNER);
}

/** The exit, or a failure naming what the terminal showed when blumeops is still running after `ms`. */
async function exitWithin(run: TerminalRun, ms = 10_000): Promise<TerminalExit> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`blumeops still runs ${ms / 1000} s after Ctrl-C; the terminal showed:\n${run.text()}`)), ms);
  });
  try {
    return await Promise.race([run.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function pressCtrlC(run: TerminalRun, times: number, gapMs = 400): Promise<void> {
  for (let count = 0; count < times; count++) {
    if (count > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    run.ctrlC();
  }
}

describe('Ctrl-C on a terminal', () => {
  it('during a plan at --ref: pulumi is cancelled, the worktree removed, exit 130', async () => {
    const f = fixture();
    const run = start(f, ['plan', '--ref', 'main'], { PULUMI_EMULATOR_HANG: '1' });
    await toolRunning(run, 'preview');
    await pressCtrlC(run, 1);
    await expectCleanInterrupt(f, run, await exitWithin(run));
    expect.soft(ledger(f.repo)).toEqual([]);
    expect.soft(runLogs(f.repo), 'pulumi got SIGINT').toMatch(GOT_SIGINT);
  });

  it('during an apply (pulumi up), once: pulumi cancels gracefully, the ledger says interrupted', async () => {
    const f = fixture();
    const run = start(f, ['apply', '--yes'], { PULUMI_EMULATOR_STEP_DELAY_MS: '700' }, { cols: 120, rows: 40 });
    await creating(run);
    await pressCtrlC(run, 1);
    await expectCleanInterrupt(f, run, await exitWithin(run));
    expect.soft(ledger(f.repo).map((entry) => [entry.layer, entry.status])).toEqual([['tailnet', 'interrupted']]);
    const logs = runLogs(f.repo);
    expect.soft(logs, 'pulumi got SIGINT').toContain('^C received; cancelling');
    expect.soft(logs, 'pulumi ended on its own, cancelled (--json: exit 1, as pulumi 3.260), not killed').toMatch(/exit: 1 /);
    expect.soft(logs).not.toContain('killed by');
  });

  it('during an apply, twice: the second Ctrl-C kills pulumi instead of waiting for it', async () => {
    const f = fixture();
    // Each resource takes 8 s: after the first Ctrl-C pulumi finishes the one in flight before it stops,
    // so only a kill ends it within a few seconds.
    const run = start(f, ['apply', '--yes', '--ref', 'main'], { PULUMI_EMULATOR_STEP_DELAY_MS: '8000' });
    await creating(run);
    const pressed = Date.now();
    await pressCtrlC(run, 2, 500);
    const exit = await exitWithin(run);
    expect.soft(Date.now() - pressed, 'blumeops did not wait for the resource in flight').toBeLessThan(6_000);
    await expectCleanInterrupt(f, run, exit);
    expect.soft(ledger(f.repo).map((entry) => [entry.layer, entry.status])).toEqual([['tailnet', 'interrupted']]);
    const logs = runLogs(f.repo);
    expect.soft(logs, 'pulumi got SIGINT first').toContain('^C received; cancelling');
    expect.soft(logs, 'then pulumi was killed').toContain('exit: killed by SIGKILL');
  });

  it('at the apply confirmation: nothing is applied, exit 130', async () => {
    const f = fixture();
    const run = start(f, ['apply']);
    await waitFor(() => run.text().includes('[yes/no]'), 20_000, `the confirmation; the terminal showed:\n${run.text()}`);
    await pressCtrlC(run, 1);
    await expectCleanInterrupt(f, run, await exitWithin(run));
    expect.soft(ledger(f.repo).filter((entry) => entry.status === 'applied')).toEqual([]);
    expect.soft(existsSync(f.state) ? readFileSync(f.state, 'utf8') : '', 'pulumi up never ran').not.toContain('tailscale:index/acl:Thing');
  });

  it('during status: the live plan is cancelled, exit 130', async () => {
    const f = fixture();
    const run = start(f, ['status'], { PULUMI_EMULATOR_HANG: '1' }, { cols: 120, rows: 40 });
    await toolRunning(run, 'preview');
    await pressCtrlC(run, 1);
    await expectCleanInterrupt(f, run, await exitWithin(run));
    expect.soft(ledger(f.repo)).toEqual([]);
    expect.soft(runLogs(f.repo), 'pulumi got SIGINT').toMatch(GOT_SIGINT);
  });

  it('during context: the live plan is cancelled, exit 130', async () => {
    const f = fixture();
    const run = start(f, ['context'], { PULUMI_EMULATOR_HANG: '1' }, { cols: 120, rows: 40 });
    await toolRunning(run, 'preview');
    await pressCtrlC(run, 1);
    await expectCleanInterrupt(f, run, await exitWithin(run));
    expect.soft(ledger(f.repo)).toEqual([]);
    expect.soft(runLogs(f.repo), 'pulumi got SIGINT').toMatch(GOT_SIGINT);
  });

  it('during context --offline, while an ansible layer lists its inventory: exit 130, not a document with the hosts unknown', async () => {
    const f = fixture();
    writeFileSync(path.join(f.repo, 'blumeops.yaml'), 'version: 1\nlayers:\n  indri:\n    kind: ansible\n    playbook: site.yml\n    inventory: hosts.yml\n');
    writeFileSync(path.join(f.repo, 'site.yml'), '- hosts: all\n  tasks: []\n');
    writeFileSync(path.join(f.repo, 'hosts.yml'), 'all:\n  hosts:\n    indri:\n');
    git(f.repo, 'add', '-A');
    git(f.repo, 'commit', '--quiet', '-m', 'an ansible layer');
    // An inventory that takes its time (a dynamic inventory script asking an API, say).
    const bin = mkdtempSync(path.join(os.tmpdir(), 'terminal-bin-'));
    writeFileSync(path.join(bin, 'ansible-inventory'), '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
    const run = start(f, ['context', '--offline'], { PATH: `${bin}${path.delimiter}${process.env.PATH}` }, { cols: 120, rows: 40 });
    await waitFor(() => run.descendants().some((entry) => entry.command.startsWith('sleep 30')), 20_000, `ansible-inventory to run; the terminal showed:\n${run.text()}`);
    await pressCtrlC(run, 1);
    await expectCleanInterrupt(f, run, await exitWithin(run));
    expect.soft(run.text()).not.toContain('hosts: unknown');
  });

  it('during a watch cycle: the cycle is cancelled and watch stops, exit 130', async () => {
    const f = fixture();
    const run = start(f, ['watch', '--interval', '1h'], { PULUMI_EMULATOR_HANG: '1' }, { cols: 120, rows: 40 });
    await toolRunning(run, 'preview');
    await pressCtrlC(run, 1);
    await expectCleanInterrupt(f, run, await exitWithin(run));
    expect.soft(ledger(f.repo)).toEqual([]);
    expect.soft(runLogs(f.repo), 'pulumi got SIGINT').toMatch(GOT_SIGINT);
  });

  it('while watch waits for its next cycle: it stops at once, exit 130', async () => {
    const f = fixture();
    const run = start(f, ['watch', '--interval', '1h']);
    await waitFor(() => /cycle 1/.test(run.text()), 20_000, `the first cycle; the terminal showed:\n${run.text()}`);
    await pressCtrlC(run, 1);
    await expectCleanInterrupt(f, run, await exitWithin(run));
  });
});

describe('rendering on a terminal', () => {
  it.each([
    { cols: 80, rows: 24 },
    { cols: 50, rows: 15 },
  ])('a plan at $cols columns ends on a clean screen: one line per layer, no spinner, cursor shown', async (size) => {
    const f = fixture();
    const run = start(f, ['plan'], {}, size);
    const exit = await run.exited;
    const raw = run.raw();
    expect(exit, run.text()).toEqual({ code: 0, signal: null });
    const screen = finalScreen(raw, size.cols, size.rows);
    const shown = screen.join('\n');
    expect(shown).not.toMatch(SPINNER);
    expect(shown).not.toContain('planning…');
    expect(screen.filter((line) => /tailnet \(pulumi\)/.test(line)), shown).toHaveLength(2); // the task line and the plan's heading
    expect(shown).toContain('+ tailscale:index/acl:Thing acl');
    // A renderer that thinks the terminal is 0 or 1 columns wide prints a line per character.
    const stripped = run.text().split(/\r?\n/).filter((line) => line.trim() !== '');
    expect(stripped.filter((line) => line.trim().length <= 2), run.text()).toEqual([]);
    expect(screen.length, shown).toBeLessThan(30);
    expect(cursorLeftHidden(raw)).toBe(false);
  });
});
