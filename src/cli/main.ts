import { CommanderError } from 'commander';
import { BlumeopsError, formatLocation } from '../errors.js';
import { redact } from '../exec/redact.js';
import { buildProgram, type ExitHolder } from './program.js';

/** The entry point: runs the command and sets process.exitCode — the only place that does. */
export async function main(argv: readonly string[]): Promise<void> {
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
  program.exitOverride();
  try {
    await program.parseAsync(args);
    process.exitCode = holder.code;
  } catch (error) {
    process.exitCode = report(error, args.includes('--json'));
  }
}

function report(error: unknown, json: boolean): number {
  if (error instanceof CommanderError) return error.exitCode;
  if (error instanceof BlumeopsError) {
    const lines = [`error: ${error.message}`];
    if (error.hint) lines.push(`hint: ${error.hint}`);
    process.stderr.write(redact(`${lines.join('\n')}\n`));
    if (json) {
      const location = error.location ? { ...error.location, text: formatLocation(error.location) } : null;
      process.stdout.write(redact(`${JSON.stringify({ version: 1, error: { message: error.message, hint: error.hint ?? null, location }, exitCode: error.exitCode }, null, 2)}\n`));
    }
    return error.exitCode;
  }
  const bug = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(redact(`internal error (a bug in blumeops, please report it): ${bug.message}\n${bug.stack ?? ''}\n`));
  return 1;
}
