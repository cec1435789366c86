import { CommanderError } from 'commander';
import { BlumeopsError, formatLocation } from '../errors.js';
import { registerOwnCredentials } from '../exec/redact.js';
import { printDocument, printNote } from '../output/terminal.js';
import { buildProgram, type ExitHolder } from './program.js';

/** The entry point: runs the command and sets process.exitCode — the only place that does. */
export async function main(argv: readonly string[]): Promise<void> {
  registerOwnCredentials(process.env);
  // `blumeops … | head` closes the pipe early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  const args = [...argv];
  const separator = args.indexOf('--', 2);
  const extraArgs = separator === -1 ? [] : args.splice(separator).slice(1);
  const holder: ExitHolder = { code: 0 };
  const program = buildProgram(holder, extraArgs, ['blumeops', ...argv.slice(2)].join(' '));
  try {
    await program.parseAsync(args);
    process.exitCode = holder.code;
  } catch (error) {
    process.exitCode = report(error, wantsJson(args));
  }
}

/** `--json`, `--format json` or `--format=json`: an error is then also one JSON document on stdout. */
function wantsJson(args: readonly string[]): boolean {
  return args.includes('--json') || args.includes('--format=json') || args.some((arg, index) => arg === '--format' && args[index + 1] === 'json');
}

function report(error: unknown, json: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has printed the one line for a person; --help and --version are not errors.
    const usage = error.exitCode !== 0 && !['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
    if (json && usage) printErrorDocument(error.message.replace(/^error: /, ''), null, null, error.exitCode);
    return error.exitCode;
  }
  if (error instanceof BlumeopsError) {
    const lines = [`error: ${error.message}`];
    if (error.hint) lines.push(`hint: ${error.hint}`);
    printNote(lines.join('\n'));
    if (json) printErrorDocument(error.message, error.hint ?? null, error.location ? { ...error.location, text: formatLocation(error.location) } : null, error.exitCode);
    return error.exitCode;
  }
  const bug = error instanceof Error ? error : new Error(String(error));
  printNote(`internal error (a bug in blumeops, please report it): ${bug.message}\n${bug.stack ?? ''}`);
  return 1;
}

function printErrorDocument(message: string, hint: string | null, location: object | null, exitCode: number): void {
  printDocument(`${JSON.stringify({ version: 1, error: { message, hint, location }, exitCode }, null, 2)}\n`);
}
