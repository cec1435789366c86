import { createInterface } from 'node:readline/promises';

/** Asks on the terminal; only "yes" (or "y") goes ahead, like terraform apply. */
export async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${question} [yes/no] `);
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
