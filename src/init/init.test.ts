import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { BlumeopsError } from '../errors.js';
import { registry } from '../../layers/index.js';
import { runInit } from './init.js';
import type { FileChange } from './wrappers.js';

function tempRepo(files: Record<string, string>, executable: string[] = []): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'blumeops-init-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
    if (executable.includes(name)) chmodSync(path.join(dir, name), 0o755);
  }
  return dir;
}

const PULUMI = { 'pulumi/tailscale/Pulumi.yaml': 'name: blumeops-tailnet\nruntime: yaml\n', 'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n' };
const ANSIBLE = { 'site.yml': '- hosts: all\n  tasks: []\n', 'hosts.ini': '[all]\nindri\n' };
const TAILNET_UP = '#!/usr/bin/env bash\n#MISE description="Deploy the tailnet"\nset -euo pipefail\nexport TAILSCALE_API_KEY="$(op read "op://blumeops/tailscale/api key")"\ncd "$(dirname "$0")/../pulumi/tailscale"\npulumi up --yes --stack tail8d86e "$@"\n';
const MISE_TOML = '[tools]\npulumi = "3"\n\n[tasks.tailnet-preview]\ndescription = "Preview the tailnet"\nrun = "cd pulumi/tailscale && pulumi preview --stack tail8d86e"\n\n[tasks.docs]\nrun = "mkdocs build"\n';

async function failure(promise: Promise<unknown>): Promise<BlumeopsError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(BlumeopsError);
  return error as BlumeopsError;
}

describe('runInit', () => {
  it('writes a blumeops.yaml that loads, refuses to overwrite it without force, and overwrites with force', async () => {
    const dir = tempRepo({ ...PULUMI, ...ANSIBLE });
    const result = await runInit(dir, { force: false, mise: false });
    expect(result.file).toBe(path.join(dir, 'blumeops.yaml'));
    expect(result.mise).toBeNull();
    const config = await loadConfig(result.file, registry);
    expect(config.layers.map((layer) => [layer.name, layer.needs])).toEqual([['tailnet', []], ['site', ['tailnet']]]);
    expect(config.layers[1].config).toMatchObject({ playbook: 'site.yml', inventory: 'hosts.ini' });

    writeFileSync(result.file, 'version: 1\nlayers: {}\n');
    const refused = await failure(runInit(dir, { force: false, mise: false }));
    expect(refused.message).toBe(`${result.file} exists already: left as it is`);
    expect(refused.hint).toContain('--force');
    expect(readFileSync(result.file, 'utf8')).toBe('version: 1\nlayers: {}\n');

    const reviewed: FileChange[][] = [];
    await runInit(dir, { force: true, mise: false, review: async (changes) => (reviewed.push([...changes]), true) });
    expect(reviewed[0].map((change) => [change.file, change.before])).toEqual([['blumeops.yaml', 'version: 1\nlayers: {}\n']]);
    expect(readFileSync(result.file, 'utf8')).toContain('  tailnet:\n');
  });

  it('learns env and stack from the old tasks and turns them into wrappers, after the review; twice changes nothing', async () => {
    const dir = tempRepo({ ...PULUMI, 'mise-tasks/tailnet-up': TAILNET_UP, 'mise.toml': MISE_TOML }, ['mise-tasks/tailnet-up']);
    const declined = await runInit(dir, { force: false, mise: true, review: async () => false });
    expect(declined.declined).toBe(true);
    expect(existsSync(path.join(dir, 'blumeops.yaml'))).toBe(false);
    expect(readFileSync(path.join(dir, 'mise-tasks/tailnet-up'), 'utf8')).toBe(TAILNET_UP);

    let shown: readonly FileChange[] = [];
    const result = await runInit(dir, { force: false, mise: true, review: async (changes) => ((shown = changes), true) });
    expect(shown.map((change) => change.file)).toEqual(['blumeops.yaml', 'mise-tasks/tailnet-up', 'mise.toml']);
    const config = await loadConfig(result.file, registry);
    expect(config.layers[0]).toMatchObject({ name: 'tailnet', env: { TAILSCALE_API_KEY: 'op://blumeops/tailscale/api key' }, config: { dir: 'pulumi/tailscale', stack: 'tail8d86e' } });
    expect(readFileSync(path.join(dir, 'mise-tasks/tailnet-up'), 'utf8')).toBe('#!/usr/bin/env bash\n#MISE description="Deploy the tailnet"\nexec blumeops up tailnet "$@"\n');
    expect(readFileSync(path.join(dir, 'mise.toml'), 'utf8')).toBe(MISE_TOML.replace('run = "cd pulumi/tailscale && pulumi preview --stack tail8d86e"', 'run = "blumeops preview tailnet"') + '\n# blumeops wrappers, added by `blumeops init --mise`: `mise run TASK -- ARGS` passes ARGS on to blumeops.\n[tasks.blumeops-plan]\ndescription = "Plan every layer: what would change; read-only"\nrun = "blumeops plan"\n\n[tasks.blumeops-status]\ndescription = "Every layer: last apply, commits since, live drift"\nrun = "blumeops status"\n');
    expect(result.mise).toMatchObject({ rewritten: ['tailnet-preview', 'tailnet-up'], added: ['blumeops-plan', 'blumeops-status'] });
    expect(result.tasks.find((task) => task.name === 'docs')?.drives).toBeUndefined();

    const again = await runInit(dir, { force: false, mise: true, review: async () => expect.fail('nothing to review') });
    expect(again.keptConfig).toBe(true);
    expect(again.changes).toEqual([]);
  });

  it('on an existing blumeops.yaml, --mise refuses to wrap a task that carries what the layer lacks', async () => {
    const dir = tempRepo({ ...PULUMI, 'mise-tasks/tailnet-up': TAILNET_UP, 'blumeops.yaml': 'version: 1\nlayers:\n  tailnet:\n    kind: pulumi\n    dir: pulumi/tailscale\n    stack: tail8d86e\n' }, ['mise-tasks/tailnet-up']);
    const result = await runInit(dir, { force: false, mise: true });
    expect(result.mise?.refused).toEqual([{ name: 'tailnet-up', reason: expect.stringContaining('it sets env TAILSCALE_API_KEY, which layer tailnet in blumeops.yaml does not') }]);
    expect(readFileSync(path.join(dir, 'mise-tasks/tailnet-up'), 'utf8')).toBe(TAILNET_UP);
    expect(result.mise?.added).toEqual(['blumeops-plan', 'blumeops-status']);
  });

  it('adds the wrappers to .mise.toml when that is the config present, and counts executable file tasks as existing', async () => {
    const existing = '[tasks.build]\nrun = "make"\n';
    const dir = tempRepo({ ...PULUMI, '.mise.toml': existing, 'mise-tasks/blumeops-plan': '#!/bin/sh\nexec blumeops plan "$@"\n' }, ['mise-tasks/blumeops-plan']);
    const { mise } = await runInit(dir, { force: false, mise: true });
    expect(mise).toMatchObject({ configFile: '.mise.toml', added: ['tailnet-up', 'tailnet-preview', 'blumeops-status'], kept: ['blumeops-plan'] });
    expect(readFileSync(path.join(dir, '.mise.toml'), 'utf8').startsWith(existing)).toBe(true);
    expect(existsSync(path.join(dir, 'mise.toml'))).toBe(false);
  });

  it('says so when it finds nothing, and writes nothing', async () => {
    const dir = tempRepo({ 'README.md': '# not infra\n', 'k8s/cm.yaml': 'kind: ConfigMap\n' });
    const error = await failure(runInit(dir, { force: false, mise: false }));
    expect(error.message).toMatch(/^found no Pulumi project, Ansible playbook or ArgoCD Application in /);
    expect(existsSync(path.join(dir, 'blumeops.yaml'))).toBe(false);
  });
});

describe('runInit with a broken mise.toml', () => {
  it('plain init says its tasks were not read; --mise stops, naming the file', async () => {
    const dir = tempRepo({ ...PULUMI, 'mise.toml': '[tasks.x\nrun = "y"\n' });
    const result = await runInit(dir, { force: false, mise: false });
    expect(result.skipped).toEqual([{ path: 'mise.toml', reason: expect.stringMatching(/^mise\.toml is not valid TOML: .*: its tasks were not read$/) }]);
    const error = await failure(runInit(dir, { force: true, mise: true }));
    expect(error.message).toMatch(/^mise\.toml is not valid TOML: /);
  });
});

describe('runInit --mise on a hand-written blumeops.yaml', () => {
  it('wraps an ansible task whose ansible.cfg is the one the layer finds by itself', async () => {
    const dir = tempRepo(
      {
        'ansible/ansible.cfg': '[defaults]\ninventory = inventory/hosts.yml\n',
        'ansible/inventory/hosts.yml': 'all:\n  hosts:\n    indri: {}\n',
        'ansible/playbooks/indri.yml': '- hosts: indri\n  tasks: []\n',
        'mise-tasks/provision-indri': '#!/bin/sh\ncd ansible\nansible-playbook playbooks/indri.yml "$@"\n',
        'blumeops.yaml': 'version: 1\nlayers:\n  indri:\n    kind: ansible\n    playbook: ansible/playbooks/indri.yml\n',
      },
      ['mise-tasks/provision-indri'],
    );
    const result = await runInit(dir, { force: false, mise: true });
    expect(result.mise).toMatchObject({ rewritten: ['provision-indri'], refused: [] });
    expect(readFileSync(path.join(dir, 'mise-tasks/provision-indri'), 'utf8')).toBe('#!/bin/sh\nexec blumeops provision indri "$@"\n');
  });
});
