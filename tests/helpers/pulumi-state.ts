/**
 * A pulumi emulator state file whose stacks exist, as after `pulumi stack init`: like the real pulumi,
 * the emulator has a stack only once its backend does, a Pulumi.<stack>.yaml alone is not one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes `file` (default: in a new temp dir) with the stacks (name → project) and returns its path. */
export function pulumiStateFile(
  file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pulumi-state-')), 'state.json'),
  stacks: Record<string, string> = { tail8d86e: 'blumeops-tailnet' },
): string {
  const state = { version: 1, stacks: Object.fromEntries(Object.entries(stacks).map(([stack, project]) => [stack, { project, resources: {} }])), selected: {} };
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
  return file;
}
