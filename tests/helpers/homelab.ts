import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_ARGOCD_TOKEN, seedEmulators } from '../../examples/seed-emulators.mjs';
import { PROJECT_ROOT } from './cli.js';
import { copyRepo } from './repo.js';
import { pulumiStateFile } from './pulumi-state.js';

export { DEMO_ARGOCD_TOKEN };

/** The example homelab (pulumi, real ansible, argocd) in a new Git repo, with its emulated world seeded. */
export function homelab(): { repo: string; env: Record<string, string> } {
  const repo = copyRepo(path.join(PROJECT_ROOT, 'examples/homelab'));
  const state = mkdtempSync(path.join(os.tmpdir(), 'homelab-state-'));
  const env = {
    PULUMI_EMULATOR_STATE: pulumiStateFile(path.join(state, 'pulumi.json')),
    ARGOCD_EMULATOR_STATE: path.join(state, 'argocd.json'),
    OP_EMULATOR_VAULT: path.join(state, 'vault.json'),
  };
  seedEmulators({ repo, vaultFile: env.OP_EMULATOR_VAULT, argocdStateFile: env.ARGOCD_EMULATOR_STATE });
  return { repo, env };
}
