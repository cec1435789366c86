import { layerNames, targetNames } from '../completion/names.js';

/**
 * The hidden `blumeops __complete layers [--kind KIND]` / `__complete apps LAYER`, called by the
 * completion scripts at TAB time: one name per line on stdout. Quiet by design: outside a repo, with
 * a broken blumeops.yaml or an unknown request, it prints nothing and exits 0.
 */
export async function completeCommand(what: string, args: string[], flags: { repo?: string; kind?: string }): Promise<number> {
  let names: string[] = [];
  try {
    if (what === 'layers') names = await layerNames(flags.repo, flags.kind);
    else if (what === 'apps' && args[0]) names = await targetNames(flags.repo, args[0]);
  } catch {
    // A shell completion must never print errors into the operator's command line.
  }
  if (names.length > 0) process.stdout.write(`${names.join('\n')}\n`);
  return 0;
}
