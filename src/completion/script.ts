import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import type { CompletionModel, Shell } from './model.js';
import { zshScript } from './zsh.js';

/** The completion script of one shell. */
export function completionScript(shell: Shell, model: CompletionModel): string {
  if (shell === 'bash') return bashScript(model);
  if (shell === 'fish') return fishScript(model);
  return zshScript(model);
}
