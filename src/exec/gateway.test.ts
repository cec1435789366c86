import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlumeopsError, InterruptedError, ToolError } from '../errors.js';
import { createLayerRun } from './gateway.js';
import { RunLog } from './log.js';
import { ProcessTracker } from './processes.js';
import { MASK, registerSecret, resetSecretsForTests } from './redact.js';

afterEach(resetSecretsForTests);

function setup(overrides: { deadline?: number; timeoutLabel?: string } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gateway-'));
  const log = new RunLog(path.join(dir, 'layer.log'));
  const tracker = new ProcessTracker();
  const run = createLayerRun({
    layer: 'test',
    log,
    env: { LAYER_VALUE: 'from-layer' },
    tools: [{ name: 'pulumi', install: 'get it from pulumi.com' }],
    tracker,
    deadline: overrides.deadline ?? Date.now() + 60_000,
    timeoutLabel: overrides.timeoutLabel ?? '1m',
  });
  return { run, log, tracker, readLog: () => (log.close(), readFileSync(log.path, 'utf8')) };
}

const node = process.execPath;

describe('exec gateway', () => {
  it('runs an argument array, passes the layer env, collects lines and logs them', async () => {
    const { run, readLog } = setup();
    const lines: string[] = [];
    const result = await run(node, ['-e', 'console.log(process.env.LAYER_VALUE); console.error("to stderr")'], { onLine: (line) => lines.push(line) });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('from-layer');
    expect(result.stderr).toBe('to stderr');
    expect(lines).toContain('from-layer');
    const log = readLog();
    expect(log).toContain('out| from-layer');
    expect(log).toContain('err| to stderr');
    expect(log).toContain('exit: 0');
  });

  it('gives the layer the raw output to parse, and masks a secret split across two chunks in the log, at every byte boundary', async () => {
    const secret = 'op-secret-Value-42';
    registerSecret(secret);
    const { run, readLog } = setup();
    for (let cut = 1; cut < secret.length; cut++) {
      const script = `process.stdout.write(${JSON.stringify(`token=${secret.slice(0, cut)}`)}); setTimeout(() => process.stdout.write(${JSON.stringify(`${secret.slice(cut)} end\n`)}), 15);`;
      const result = await run(node, ['-e', script]);
      expect(result.stdout).toBe(`token=${secret} end`);
    }
    const log = readLog();
    expect(log).not.toContain(secret);
    expect(log).toContain(`out| token=${MASK} end`);
  });

  it('passes 1Password credentials only to op, or to a tool whose layer asks for them', async () => {
    process.env.OP_SERVICE_ACCOUNT_TOKEN = 'ops_token-for-op-only';
    try {
      const { run } = setup();
      const script = 'console.log(process.env.OP_SERVICE_ACCOUNT_TOKEN ?? "none")';
      expect((await run(node, ['-e', script])).stdout).toBe('none');
      expect((await run(node, ['-e', script], { env: { OP_SERVICE_ACCOUNT_TOKEN: 'asked-for' } })).stdout).toBe('asked-for');
    } finally {
      delete process.env.OP_SERVICE_ACCOUNT_TOKEN;
    }
  });

  it('throws ToolError with the tail and the log path for a non-zero exit, unless allowed', async () => {
    const { run, log } = setup();
    const failing = run(node, ['-e', 'console.error("line one\\nthe real reason"); process.exit(3)']);
    await expect(failing).rejects.toBeInstanceOf(ToolError);
    const error = (await failing.catch((caught: ToolError) => caught)) as ToolError;
    expect(error.toolExitCode).toBe(3);
    expect(error.tail).toContain('the real reason');
    expect(error.logPath).toBe(log.path);
    const allowed = await run(node, ['-e', 'process.exit(3)'], { okExitCodes: [3] });
    expect(allowed.exitCode).toBe(3);
  });

  it('says how to install a missing tool', async () => {
    const { run } = setup();
    const error = await run('pulumi', ['version'], { env: { PATH: '/nonexistent' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BlumeopsError);
    expect((error as BlumeopsError).message).toBe('pulumi: not found on PATH');
    expect((error as BlumeopsError).hint).toBe('install it: get it from pulumi.com');
  });

  it('kills the whole process tree when the layer times out, a grandchild that ignores SIGTERM too', async () => {
    const { run } = setup({ deadline: Date.now() + 1_500, timeoutLabel: '1.5s' });
    const started = Date.now();
    // The grandchild says when it ignores SIGTERM; only then does its parent report it.
    const grandchild = 'process.on("SIGTERM", () => {}); console.log("ready"); setTimeout(() => {}, 60000)';
    const script = `const c = require("child_process").spawn(process.execPath, ["-e", ${JSON.stringify(grandchild)}], { stdio: ["ignore", "pipe", "ignore"] }); c.stdout.once("data", () => { console.log("grandchild " + c.pid + " ignores SIGTERM"); c.stdout.destroy(); }); setTimeout(() => {}, 60000)`;
    const lines: string[] = [];
    const error = await run(node, ['-e', script], { onLine: (line) => lines.push(line) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).message).toBe(`${node} timed out after 1.5s and was stopped`);
    const pid = Number(/grandchild (\d+) ignores SIGTERM/.exec(lines.join('\n'))?.[1]);
    expect(pid, 'the grandchild was ready before the timeout').toBeGreaterThan(0);
    await waitUntil(() => !alive(pid), 8_000);
    expect(alive(pid), `grandchild ${pid} outlived the timeout`).toBe(false);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('sends SIGINT to the running tool on interrupt and reports an interruption', async () => {
    const { run, tracker, readLog } = setup();
    const script = 'process.on("SIGINT", () => { console.log("got SIGINT, cancelling"); process.exit(8); }); console.log("ready"); setTimeout(() => {}, 60000)';
    const lines: string[] = [];
    const pending = run(node, ['-e', script], {
      onLine: (line) => {
        lines.push(line);
        if (line === 'ready') tracker.interrupt();
      },
    });
    await expect(pending).rejects.toBeInstanceOf(InterruptedError);
    expect(lines, 'the tool received SIGINT (and stopped on its own)').toContain('got SIGINT, cancelling');
    expect(readLog()).toMatch(/exit: 8 /);
    await expect(run(node, ['-e', '0'])).rejects.toBeInstanceOf(InterruptedError);
  });

  it('kills a tool that ignores SIGINT on the second interrupt', async () => {
    const { run, tracker, readLog } = setup();
    const script = 'process.on("SIGINT", () => console.log("ignoring SIGINT")); console.log("ready"); setTimeout(() => {}, 60000)';
    const lines: string[] = [];
    const pending = run(node, ['-e', script], {
      onLine: (line) => {
        lines.push(line);
        if (line === 'ready') tracker.interrupt();
        if (line === 'ignoring SIGINT') tracker.kill();
      },
    });
    await expect(pending).rejects.toBeInstanceOf(InterruptedError);
    expect(lines).toContain('ignoring SIGINT');
    expect(readLog()).toContain('exit: killed by SIGKILL');
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!predicate() && Date.now() - started < timeoutMs) await new Promise((resolve) => setTimeout(resolve, 50));
}
