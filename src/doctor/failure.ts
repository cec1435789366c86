import type { CommandResult } from '../exec/command.js';

/** Why a command did not succeed, or undefined when it did. */
export function failure(result: CommandResult): string | undefined {
  if (result.timedOut) return 'gave no answer in time and was stopped';
  if (result.exitCode === 0) return undefined;
  const last = lastLine(result.stderr) ?? lastLine(result.stdout);
  return `exited with code ${result.exitCode}${last ? `: ${last}` : ''}`;
}

function lastLine(text: string): string | undefined {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).at(-1)?.slice(0, 200);
}
