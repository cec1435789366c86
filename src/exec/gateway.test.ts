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

  it('kills the whole process tree when the layer times out', async () => {
    const { run } = setup({ deadline: Date.now() + 500, timeoutLabel: '500ms' });
    const started = Date.now();
    const script = 'require("child_process").spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "inherit" }); setTimeout(() => {}, 60000)';
    const error = await run(node, ['-e', script]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).message).toBe(`${node} timed out after 500ms and was stopped`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('sends SIGINT to the running tool on interrupt and reports an interruption', async () => {
    const { run, tracker } = setup();
    const script = 'process.on("SIGINT", () => { console.log("cancelling"); process.exit(8); }); console.log("ready"); setTimeout(() => {}, 60000)';
    const pending = run(node, ['-e', script], { onLine: (line) => line === 'ready' && tracker.interrupt() });
    await expect(pending).rejects.toBeInstanceOf(InterruptedError);
    await expect(run(node, ['-e', '0'])).rejects.toBeInstanceOf(InterruptedError);
  });
});
