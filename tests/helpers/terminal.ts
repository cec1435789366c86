import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { BIN, PROJECT_ROOT, testEnv, waitFor } from './cli.js';

const PTY_RUN = path.join(PROJECT_ROOT, 'tests/helpers/pty-run.py');
/** Every process a terminal run starts inherits this variable, which is how leftovers are found. */
const MARKER = 'BLUMEOPS_TERMINAL_RUN';

export interface TerminalExit {
  code: number | null;
  signal: string | null;
}

export interface LeftProcess {
  pid: number;
  command: string;
}

export interface TerminalRun {
  cols: number;
  rows: number;
  /** The process id of blumeops, also its process group, the terminal's foreground group. */
  pgid: Promise<number>;
  /** Everything the terminal showed so far, escape sequences included. */
  raw(): string;
  /** What the terminal showed, escape sequences removed. */
  text(): string;
  /** Types on the keyboard. */
  type(keys: string): void;
  /** Presses Ctrl-C: byte 0x03 to the terminal, so the kernel signals the foreground group. */
  ctrlC(): void;
  exited: Promise<TerminalExit>;
  /** The processes still in blumeops' process group (`ps -o pid= -g PGID`). */
  groupProcesses(): Promise<number[]>;
  /** Any process this run started, whatever its group or session (tools run in their own). */
  descendants(): LeftProcess[];
  /** Ends the terminal session and kills whatever the run left behind. */
  close(): Promise<void>;
}

/**
 * Runs the built CLI on a pseudo-terminal of `cols` x `rows`, as a person's shell would (see
 * pty-run.py). CI is unset: the point is what a person at a terminal sees.
 */
export function runOnTerminal(args: string[], options: { cwd: string; env?: Record<string, string | undefined>; cols?: number; rows?: number }): TerminalRun {
  const id = randomUUID();
  const env = testEnv({ CI: undefined, NO_COLOR: undefined, TERM: 'xterm-256color', ...options.env, [MARKER]: id });
  const [cols, rows] = [options.cols ?? 80, options.rows ?? 24];
  const size = [String(cols), String(rows)];
  const shell = spawn('python3', [PTY_RUN, ...size, '--', process.execPath, BIN, ...args], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let events = '';
  let stderrText = '';
  shell.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
  shell.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    events += chunk;
    stderrText += chunk;
  });
  const closed = new Promise<void>((resolve) => shell.on('close', () => resolve()));
  const event = (name: string) => {
    const found = events
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry.event === name);
    return found;
  };
  const until = async (name: string, timeoutMs: number) => {
    await Promise.race([
      waitFor(() => event(name) !== undefined, timeoutMs, `the terminal's "${name}" event`),
      closed.then(() => {
        if (!event(name)) throw new Error(`pty-run.py ended without "${name}": ${stderrText}`);
      }),
    ]);
    return event(name)!;
  };
  const pgid = until('start', 10_000).then((start) => start.pid as number);
  const exited = until('exit', 60_000).then((exit) => ({ code: exit.code as number | null, signal: exit.signal as string | null }));
  // Not every test awaits both; an early end of the terminal must not be an unhandled rejection.
  pgid.catch(() => undefined);
  exited.catch(() => undefined);

  return {
    cols,
    rows,
    pgid,
    raw: () => screen,
    text: () => stripVTControlCharacters(screen),
    type: (keys) => shell.stdin.write(keys),
    ctrlC: () => shell.stdin.write('\x03'),
    exited,
    groupProcesses: async () => processGroup(await pgid),
    descendants: () => markedProcesses(id).filter((entry) => entry.pid !== shell.pid),
    async close() {
      shell.stdin.end();
      // Tools a broken build left behind run in their own groups: the terminal's end does not reach them.
      for (const left of markedProcesses(id)) if (left.pid !== shell.pid) killQuietly(left.pid);
      const timer = setTimeout(() => shell.kill('SIGKILL'), 5_000);
      await closed;
      clearTimeout(timer);
    },
  };
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function processGroup(pgid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '-g', String(pgid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
  } catch {
    return []; // ps exits 1 when the group is empty
  }
}

function markedProcesses(id: string): LeftProcess[] {
  const needle = `${MARKER}=${id}\0`;
  const found: LeftProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, 'latin1').includes(needle)) continue;
      found.push({ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim() });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}
