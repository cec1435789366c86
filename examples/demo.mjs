#!/usr/bin/env node
// The demo: copies examples/homelab into a throwaway Git repo and walks through
// plan → apply → plan (in sync) → a change → history, with the emulated tools first on PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedEmulators } from './seed-emulators.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/blumeops.js');
const repo = mkdtempSync(path.join(os.tmpdir(), 'blumeops-demo-'));
const stateDir = path.join(repo, '.state');

cpSync(path.join(root, 'examples/homelab'), repo, { recursive: true });
mkdirSync(stateDir, { recursive: true });

const emulators = ['pulumi', 'argocd', 'op'].map((tool) => path.join(root, 'tests/emulators', tool));
const env = {
  ...process.env,
  PATH: [...emulators, process.env.PATH].join(path.delimiter),
  PULUMI_EMULATOR_STATE: path.join(stateDir, 'pulumi.json'),
  ARGOCD_EMULATOR_STATE: path.join(stateDir, 'argocd.json'),
  OP_EMULATOR_VAULT: path.join(stateDir, 'vault.json'),
  DEMO_ROOT: repo,
  GIT_AUTHOR_NAME: process.env.GIT_AUTHOR_NAME ?? 'blumeops demo',
  GIT_AUTHOR_EMAIL: process.env.GIT_AUTHOR_EMAIL ?? 'demo@blumeops.invalid',
  GIT_COMMITTER_NAME: process.env.GIT_COMMITTER_NAME ?? 'blumeops demo',
  GIT_COMMITTER_EMAIL: process.env.GIT_COMMITTER_EMAIL ?? 'demo@blumeops.invalid',
};

const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: 'pipe' });
seedEmulators({ repo, vaultFile: env.OP_EMULATOR_VAULT, argocdStateFile: env.ARGOCD_EMULATOR_STATE, pulumiStateFile: env.PULUMI_EMULATOR_STATE });
git('init', '--quiet', '--initial-branch=main');
git('add', '-A');
git('commit', '--quiet', '-m', 'homelab: initial import');

function say(text) {
  process.stdout.write(`\n\x1b[1m== ${text}\x1b[0m\n`);
}
function blumeops(...args) {
  process.stdout.write(`$ blumeops ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: repo, env, stdio: 'inherit' });
  return result.status;
}

say('blumeops demo');
process.stdout.write(
  [
    `infra repo: ${repo}`,
    'NOTE: pulumi, argocd and op are EMULATED here (tests/emulators/): they follow the real CLIs\'',
    'flags, JSON and exit codes but manage no real tailnet or cluster. ansible-playbook runs for',
    'real against this machine (a local connection), managing files under .state/indri/ in the repo.',
  ].join('\n') + '\n',
);

say('1. the layers of this homelab');
blumeops('layers');
say('2. plan: what would change (read-only)');
blumeops('plan');
say('3. apply: make the live state match Git, and record it');
blumeops('apply', '--yes', '-m', 'first apply of the demo homelab');
say('4. plan again: everything is in sync');
blumeops('plan');

say('5. a change in Git: tag indri as a NAS too');
const program = path.join(repo, 'pulumi/tailscale/Pulumi.yaml');
writeFileSync(program, readFileSync(program, 'utf8').replace('        - tag:server\n', '        - tag:server\n        - tag:nas\n'));
git('commit', '--quiet', '-am', 'tailnet: tag indri as nas');
blumeops('preview', 'tailnet', '-v');
blumeops('up', 'tailnet', '--yes');

say('6. history: what was applied, from which commit, and why');
blumeops('history');
say('7. status: every layer in one table');
blumeops('status');
process.stdout.write(`\nThe demo repo stays at ${repo} — try \`blumeops -C ${repo} plan\` yourself (with the emulators on PATH).\n`);
