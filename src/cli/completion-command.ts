import type { Command } from 'commander';
import { buildModel, SHELLS, type Shell } from '../completion/model.js';
import { completionScript } from '../completion/script.js';
import { BlumeopsError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { registry } from '../../layers/index.js';

/** `blumeops completion bash|fish|zsh`: prints the shell's completion script, built from the program's commands. */
export async function completionCommand(shell: string, program: Command): Promise<number> {
  if (!isShell(shell)) {
    const suggestion = didYouMean(shell, SHELLS);
    throw new BlumeopsError(`unknown shell "${shell}"`, { hint: `${suggestion ? `${suggestion} ` : ''}shells: ${SHELLS.join(', ')}` });
  }
  process.stdout.write(completionScript(shell, buildModel(program, registry)));
  return 0;
}

function isShell(name: string): name is Shell {
  return (SHELLS as readonly string[]).includes(name);
}
