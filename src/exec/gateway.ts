import { execa } from 'execa';
import { BlumeopsError, InterruptedError, ToolError } from '../errors.js';
import { formatDuration } from '../duration.js';
import type { Run, ToolOptions, ToolResult, ToolSpec } from '../reconciler.js';
import { RunLog } from './log.js';
import { signalGroup, type ProcessTracker } from './processes.js';
import { formatCommand } from './quote.js';
import { tail } from './tail.js';
import { toolRunFinished } from './tool-runs.js';
import { LineSplitter, MIN_SECRET_LENGTH, redact, registerSecret } from './redact.js';
import { which } from './which.js';

/** What the gateway needs to run one layer's tools. */
export interface LayerRunSettings {
  layer: string;
  log: RunLog;
  /** The layer's env with secrets resolved; added to every call. */
  env: Record<string, string>;
  tools: readonly ToolSpec[];
  tracker: ProcessTracker;
  /** Epoch ms after which the layer has run out of time (its `timeout`). */
  deadline: number;
  timeoutLabel: string;
}

/** Grace between SIGTERM and SIGKILL when a layer times out. */
const KILL_GRACE_MS = 3000;

/** Builds the `run` function a layer gets in its context. The only place tools are started. */
export function createLayerRun(settings: LayerRunSettings): Run {
  return (tool, args, options = {}) => observed(tool, runTool(settings, tool, args, options));
}

/** Counts the call for whoever listens (`watch --listen` metrics), whatever its outcome. */
async function observed(tool: string, call: Promise<ToolResult>): Promise<ToolResult> {
  const started = Date.now();
  try {
    const result = await call;
    toolRunFinished(tool, 'ok', Date.now() - started);
    return result;
  } catch (error) {
    toolRunFinished(tool, error instanceof InterruptedError ? 'interrupted' : 'failed', Date.now() - started);
    throw error;
  }
}

async function runTool(settings: LayerRunSettings, tool: string, args: string[], options: ToolOptions): Promise<ToolResult> {
  const { log, tracker } = settings;
  if (tracker.interrupted) throw new InterruptedError();
  const env = toolEnv(tool, settings.env, options.env);
  const binary = which(tool, env.PATH);
  if (!binary) throw missingTool(tool, settings.tools);

  const command = formatCommand(tool, args);
  const cwd = options.cwd ?? process.cwd();
  const started = Date.now();
  log.line('$ ', command);
  log.line('  cwd: ', cwd);

  const child = execa(binary, args, {
    cwd,
    env,
    extendEnv: false,
    reject: false,
    buffer: false,
    detached: true,
    stdin: options.input === undefined ? 'ignore' : 'pipe',
    input: options.input,
    stripFinalNewline: false,
  });
  const pid = child.pid;
  if (pid !== undefined) tracker.add(pid);

  const collected = { stdout: [] as string[], stderr: [] as string[] };
  const streams = (options.secretOutput ? (['stderr'] as const) : (['stdout', 'stderr'] as const)).map((name) => {
    const prefix = name === 'stdout' ? 'out| ' : 'err| ';
    // The layer reads the raw output (parse first); the log gets it masked.
    const splitter = new LineSplitter((block) => {
      collected[name].push(block);
      log.writeRedacted(redact(`${prefix}${block.replaceAll('\n', `\n${prefix}`)}\n`));
      if (options.onLine) for (const line of block.split('\n')) options.onLine(line, name);
    });
    const stream = child[name];
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => splitter.push(chunk));
    return new Promise<void>((resolve) => {
      if (!stream) return resolve();
      stream.on('end', () => resolve());
      stream.on('close', () => resolve());
    }).then(() => splitter.end());
  });

  let timedOut = false;
  const remaining = Math.max(0, settings.deadline - Date.now());
  const timer = setTimeout(() => {
    timedOut = true;
    if (pid === undefined) return;
    signalGroup(pid, 'SIGTERM');
    setTimeout(() => signalGroup(pid, 'SIGKILL'), KILL_GRACE_MS).unref();
  }, remaining);

  const secret = options.secretOutput ? readSecretOutput(child.stdout) : undefined;
  const result = await child;
  clearTimeout(timer);
  if (secret) {
    const value = await secret;
    if (value.trim().length >= MIN_SECRET_LENGTH) registerSecret(value);
    collected.stdout.push(value);
    log.line('out| ', '(a secret value: not logged)');
  }
  await Promise.all(streams);
  if (pid !== undefined) tracker.remove(pid);

  const stdout = collected.stdout.join('\n');
  const stderr = collected.stderr.join('\n');
  const exitCode = typeof result.exitCode === 'number' ? result.exitCode : -1;
  const elapsed = formatDuration(Date.now() - started);
  log.line('', `exit: ${result.signal ? `killed by ${result.signal}` : exitCode} (${elapsed})\n`);
  log.flush();

  if (timedOut) {
    throw new ToolError({
      tool,
      message: `${tool} timed out after ${settings.timeoutLabel} and was stopped`,
      exitCode: null,
      tail: tail(stderr || stdout),
      logPath: log.path,
      hint: `raise the layer's \`timeout\` in blumeops.yaml if it needs longer; full output: ${log.path}`,
    });
  }
  if (tracker.interrupted) throw new InterruptedError(`${tool} was interrupted`);
  if (result.signal) {
    throw new ToolError({
      tool,
      message: `${tool} was killed by ${result.signal}`,
      exitCode: null,
      tail: tail(stderr || stdout),
      logPath: log.path,
      hint: `full output: ${log.path}`,
    });
  }
  if (exitCode !== 0 && !options.okExitCodes?.includes(exitCode)) {
    throw new ToolError({
      tool,
      message: `${tool} exited with code ${exitCode}`,
      exitCode,
      tail: tail(stderr || stdout),
      logPath: log.path,
      hint: `full output: ${log.path}`,
    });
  }
  return { command, logPath: log.path, exitCode, stdout, stderr };
}

/**
 * The environment a tool gets: blumeops' own, without 1Password credentials (only `op` itself needs
 * them, or a layer that puts them in its env), plus the layer's env (secrets resolved) and the call's.
 */
function toolEnv(tool: string, layerEnv: Record<string, string>, callEnv: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (name.startsWith('OP_') && tool !== 'op') continue;
    env[name] = value;
  }
  return { ...env, ...layerEnv, ...callEnv };
}

function missingTool(tool: string, tools: readonly ToolSpec[]): BlumeopsError {
  const spec = tools.find((candidate) => candidate.name === tool);
  return new BlumeopsError(`${tool}: not found on PATH`, {
    hint: spec ? `install it: ${spec.install}` : `install ${tool} and make sure it is on PATH`,
    reason: 'tool-missing',
  });
}

/** Collects a secret's bytes without logging or splitting them. */
function readSecretOutput(stream: NodeJS.ReadableStream | null): Promise<string> {
  return new Promise((resolve) => {
    if (!stream) return resolve('');
    let value = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (value += chunk));
    stream.on('end', () => resolve(value));
    stream.on('close', () => resolve(value));
  });
}
