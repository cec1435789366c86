// argocd CLI emulator: entry point. Finds the command, parses flags, runs the handler and turns
// its errors into the real CLI's stderr text and exit codes. See README.md.
import fs from 'node:fs';
import { ALIASES, COMMANDS, GROUPS, usageText } from './commands.mjs';
import { EmulatorError, Fatal, HelpExit, UsageError } from './errors.mjs';
import { GLOBAL_FLAGS, parseFlags, valueFlagTokens } from './flags.mjs';
import { delayMs } from './knobs.mjs';
import { flushOut, logLine, setLogFormat } from './output.mjs';

function logInvocation(argv) {
  const file = process.env.ARGOCD_EMULATOR_LOG;
  if (!file) return;
  const line = JSON.stringify({ time: new Date().toISOString(), pid: process.pid, argv });
  fs.appendFileSync(file, `${line}\n`);
}

/** Locate the command words among the args, skipping flags and their values. */
function findCommand(argv) {
  const { long, short } = valueFlagTokens([GLOBAL_FLAGS, ...Object.values(COMMANDS).map((c) => c.flags)]);
  const words = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const t = argv[i];
    if (t === '--') break;
    if (t.startsWith('-') && t.length > 1) {
      if (!t.includes('=') && (long.has(t) || short.has(t))) i++;
      continue;
    }
    const path = [...words.map((w) => w.word), t].join(' ');
    const isCommand = COMMANDS[path] || ALIASES[path] || (words.length === 0 && GROUPS.includes(t));
    if (!isCommand) {
      if (words.length === 0) throw new UsageError(`unknown command "${t}" for "argocd"`, true);
      break;
    }
    words.push({ word: t, index: i });
    if (COMMANDS[path] || ALIASES[path]) break;
  }
  const joined = words.map((w) => w.word).join(' ');
  const skip = new Set(words.map((w) => w.index));
  return { path: ALIASES[joined] ?? joined, rest: argv.filter((_, i) => !skip.has(i)) };
}

async function run(rawArgv) {
  logInvocation(rawArgv);
  const delay = delayMs();
  if (delay) await new Promise((r) => setTimeout(r, delay));
  const opts = (process.env.ARGOCD_OPTS ?? '').split(/\s+/).filter(Boolean);
  const { path, rest } = findCommand([...opts, ...rawArgv]);
  const cmd = COMMANDS[path];
  const specs = [...GLOBAL_FLAGS, ...(cmd?.flags ?? [])];
  let parsed;
  try {
    parsed = parseFlags(rest, specs);
  } catch (err) {
    if (err instanceof UsageError) err.path = path;
    throw err;
  }
  setLogFormat(parsed.values.logformat);
  if (parsed.values.help) {
    process.stdout.write(usageText(path, GLOBAL_FLAGS));
    return 0;
  }
  if (!cmd) {
    // `argocd` alone prints help (exit 0); a group without a known subcommand exits 1.
    process.stderr.write(usageText(path, GLOBAL_FLAGS));
    return path ? 1 : 0;
  }
  const handler = await cmd.load();
  const code = await handler.run({ args: parsed.args, flags: parsed.values, path });
  return code ?? 0;
}

function report(err) {
  if (err instanceof Fatal) {
    logLine('fatal', err.message);
    return err.code;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`Error: ${err.message}\n`);
    if (err.message.startsWith('unknown command')) process.stderr.write(`Run 'argocd --help' for usage.\n`);
    else process.stderr.write(usageText(err.path ?? '', GLOBAL_FLAGS));
    return 1;
  }
  if (err instanceof HelpExit) {
    process.stderr.write(usageText(err.path ?? '', GLOBAL_FLAGS));
    return err.code;
  }
  if (err instanceof EmulatorError) {
    process.stderr.write(`argocd emulator: ${err.message}\n`);
    return 1;
  }
  process.stderr.write(`argocd emulator: internal error: ${err?.stack ?? err}\n`);
  return 1;
}

let code;
try {
  code = await run(process.argv.slice(2));
} catch (err) {
  await flushOut();
  code = report(err);
}
await flushOut();
process.exitCode = code;
