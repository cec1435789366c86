// Entry point of the pulumi emulator: parse the command line like cobra, apply
// the global knobs, dispatch. Heavy modules are imported only by the commands
// that need them, so `pulumi version` stays fast.

import { restoreDefaultSignals } from './lib/early-signals.mjs';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { helpText, parseArgs } from './lib/args.mjs';
import { PulumiError, err, exitCodeFor, exitProcess, out } from './lib/runtime.mjs';
import { knob, printEnvLines, printWithFaults } from './lib/knobs.mjs';

const NEEDS_LOGIN = new Set(['preview', 'up', 'refresh', 'stack', 'stack init', 'stack ls', 'stack output', 'stack select', 'config set', 'whoami']);
const COLORS = new Set(['always', 'never', 'raw', 'auto']);

async function main(argv) {
  const parsed = parseArgs(argv);
  const { path, node, flags } = parsed;
  if (!node && flags.version) return finishText(parsed, (await import('./lib/info.mjs')).versionText());
  if (flags.help || !node) {
    out(helpText(path, node));
    return exitProcess(0);
  }
  if (flags.color !== undefined && !COLORS.has(flags.color)) {
    throw new PulumiError('invocation', `unsupported color option: '${flags.color}'.  Supported values are: auto, always, never, raw`);
  }
  let cwd = process.cwd();
  if (flags.cwd !== undefined) {
    cwd = resolve(flags.cwd);
    if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
      throw new PulumiError('invocation', `changing the working directory: chdir ${flags.cwd}: no such file or directory`);
    }
  }
  const cmd = { ...parsed, cwd };

  const extra = knob('STDERR', path);
  if (extra !== undefined) err(extra.endsWith('\n') ? extra : `${extra}\n`);
  for (const line of printEnvLines(path)) err(`${line}\n`);
  if (process.env.PULUMI_EMULATOR_LOGGED_OUT && NEEDS_LOGIN.has(path)) {
    throw new PulumiError('auth', 'PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions');
  }

  switch (path) {
    case 'preview':
      return (await import('./lib/preview.mjs')).runPreview(cmd);
    case 'up':
      return (await import('./lib/update.mjs')).runApply(cmd, 'update');
    case 'refresh':
      return (await import('./lib/update.mjs')).runApply(cmd, 'refresh');
    default:
      return runInfo(cmd);
  }
}

async function runInfo(cmd) {
  restoreDefaultSignals();
  const { preambleFaults } = await import('./lib/context.mjs');
  await preambleFaults(cmd, null, null);
  const info = await import('./lib/info.mjs');
  const handlers = {
    version: info.versionText,
    whoami: info.whoamiText,
    login: info.loginText,
    logout: info.loginText,
    stack: info.stackText,
    'stack init': info.stackInitText,
    'stack ls': info.stackLsText,
    'stack output': info.stackOutputText,
    'stack select': info.stackSelectText,
    'config set': info.configSetText,
  };
  return finishText(cmd, await handlers[cmd.path](cmd));
}

async function finishText(cmd, text) {
  await printWithFaults(text, cmd.path || 'version');
  return exitProcess(0);
}

main(process.argv.slice(2)).catch((e) => {
  if (e instanceof PulumiError) {
    err(`error: ${e.message}\n`);
    return exitProcess(exitCodeFor(e.kind));
  }
  err(`error: internal error in the pulumi emulator: ${e?.stack ?? e}\n`);
  return exitProcess(255);
});
