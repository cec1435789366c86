import { execa } from 'execa';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a short helper command (git) and captures its output. Not for layer tools: those go through
 * the layer gateway, which logs, redacts, times out and forwards signals.
 */
export async function runCommand(file: string, args: readonly string[], cwd: string): Promise<CommandResult> {
  const result = await execa(file, args, { cwd, reject: false, stdin: 'ignore', stripFinalNewline: true });
  const exitCode = typeof result.exitCode === 'number' ? result.exitCode : -1;
  return { exitCode, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}
