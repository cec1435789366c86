import { createInterface } from 'node:readline/promises';
import { InterruptedError } from '../errors.js';

/**
 * Asks on the terminal; only "yes" (or "y") goes ahead, like terraform apply. Ctrl-C at the prompt
 * (a keypress in raw mode, not a signal) is an interruption: nothing is applied, exit 130.
 */
export async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const cancel = new AbortController();
  prompt.on('SIGINT', () => cancel.abort());
  try {
    const answer = await prompt.question(`${question} [yes/no] `, { signal: cancel.signal });
    return /^(y|yes)$/i.test(answer.trim());
  } catch (error) {
    if (cancel.signal.aborted) throw new InterruptedError('interrupted at the confirmation: nothing was applied');
    throw error;
  } finally {
    prompt.close();
  }
}
