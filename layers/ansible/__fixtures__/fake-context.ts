/**
 * Test-only: a LayerContext whose `run` spawns the real tool with node:child_process (not the exec
 * gateway): it calls onLine per line, throws ToolError for an exit code not in okExitCodes (0 always
 * fine) and records every call and emitted event for assertions.
 */
import { spawn } from 'node:child_process';
import { ToolError } from '../../../src/errors.js';
import type { LayerContext, LayerEvent, Run, ToolOptions, ToolResult } from '../../../src/reconciler.js';

export interface FakeContext<C> extends LayerContext<C> {
  calls: { tool: string; args: string[]; options: ToolOptions }[];
  events: LayerEvent[];
}

/** `env` is added to every spawned tool's environment (a PATH that picks one ansible-core, say). */
export function fakeContext<C>(config: C, dir: string, extraArgs: string[] = [], env: Record<string, string> = {}): FakeContext<C> {
  const calls: FakeContext<C>['calls'] = [];
  const events: LayerEvent[] = [];
  const run: Run = async (tool, args, options = {}) => {
    calls.push({ tool, args, options });
    return spawnTool(tool, args, { ...options, env: { ...env, ...options.env } });
  };
  return {
    name: 'indri',
    config,
    dir,
    repoRoot: dir,
    commit: null,
    extraArgs,
    targets: [],
    options: {},
    verbose: false,
    signal: new AbortController().signal,
    run,
    emit: (event) => events.push(event),
    calls,
    events,
  };
}

function spawnTool(tool: string, args: string[], options: ToolOptions): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = { stdout: '', stderr: '' };
    for (const stream of ['stdout', 'stderr'] as const) {
      let pending = '';
      child[stream].setEncoding('utf8');
      child[stream].on('data', (chunk: string) => {
        out[stream] += chunk;
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) options.onLine?.(line, stream);
      });
      child[stream].on('end', () => {
        if (pending) options.onLine?.(pending, stream);
      });
    }
    child.on('error', reject);
    child.on('close', (code) => {
      const exitCode = code ?? 1;
      const command = [tool, ...args].join(' ');
      if (exitCode !== 0 && !(options.okExitCodes ?? []).includes(exitCode)) {
        reject(new ToolError({ tool, message: `${command} exited with code ${exitCode}`, exitCode, tail: out.stderr.slice(-2000), logPath: '/dev/null' }));
        return;
      }
      resolve({ command, logPath: '/dev/null', exitCode, ...out });
    });
  });
}
