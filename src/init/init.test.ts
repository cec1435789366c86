import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { BlumeopsError } from '../errors.js';
import { registry } from '../../layers/index.js';
import { runInit } from './init.js';

function tempRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'blumeops-init-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const PULUMI = { 'pulumi/tailscale/Pulumi.yaml': 'name: blumeops-tailnet\nruntime: yaml\n', 'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n' };
const ANSIBLE = { 'site.yml': '- hosts: all\n  tasks: []\n', 'hosts.ini': '[all]\nindri\n' };

async function failure(promise: Promise<unknown>): Promise<BlumeopsError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(BlumeopsError);
  return error as BlumeopsError;
}

describe('runInit', () => {
  it('writes a blumeops.yaml that loads, and refuses to overwrite it without force', async () => {
    const dir = tempRepo({ ...PULUMI, ...ANSIBLE });
    const result = await runInit(dir, { force: false, mise: false });
    expect(result.file).toBe(path.join(dir, 'blumeops.yaml'));
    expect(result.mise).toBeNull();
    const config = await loadConfig(result.file, registry);
    expect(config.layers.map((layer) => [layer.name, layer.needs])).toEqual([['tailnet', []], ['site', ['tailnet']]]);
    expect(config.layers[1].config).toMatchObject({ playbook: 'site.yml', inventory: 'hosts.ini' });

    writeFileSync(result.file, 'version: 1\nlayers: {}\n');
    const refused = await failure(runInit(dir, { force: false, mise: true }));
    expect(refused.message).toBe(`${result.file} exists already: left as it is`);
    expect(refused.hint).toContain('--force');
    expect(readFileSync(result.file, 'utf8')).toBe('version: 1\nlayers: {}\n');
    expect(existsSync(path.join(dir, 'mise.toml'))).toBe(false);

    await runInit(dir, { force: true, mise: false });
    expect(readFileSync(result.file, 'utf8')).toContain('  tailnet:\n');
  });

  it('adds the wrappers to .mise.toml when that is the config present, keeping its tasks', async () => {
    const existing = '[tasks.tailnet-up]\nrun = "cd pulumi/tailscale && pulumi up"\n';
    const dir = tempRepo({ ...PULUMI, '.mise.toml': existing });
    const { mise } = await runInit(dir, { force: false, mise: true });
    expect(mise).toEqual({ file: path.join(dir, '.mise.toml'), created: false, added: ['tailnet-preview', 'blumeops-plan', 'blumeops-status'], kept: ['tailnet-up'] });
    expect(readFileSync(path.join(dir, '.mise.toml'), 'utf8').startsWith(existing)).toBe(true);
    expect(existsSync(path.join(dir, 'mise.toml'))).toBe(false);
  });

  it('creates mise.toml when there is none, and counts file tasks as existing', async () => {
    const dir = tempRepo({ ...PULUMI, 'mise-tasks/blumeops-plan': '#!/bin/sh\n' });
    const { mise } = await runInit(dir, { force: false, mise: true });
    expect(mise).toMatchObject({ file: path.join(dir, 'mise.toml'), created: true, kept: ['blumeops-plan'] });
    expect(readFileSync(path.join(dir, 'mise.toml'), 'utf8')).toContain('[tasks.tailnet-up]\n');
  });

  it('says so when it finds nothing, and writes nothing', async () => {
    const dir = tempRepo({ 'README.md': '# not infra\n', 'k8s/cm.yaml': 'kind: ConfigMap\n' });
    const error = await failure(runInit(dir, { force: false, mise: false }));
    expect(error.message).toMatch(/^found no Pulumi project, Ansible playbook or ArgoCD Application in /);
    expect(existsSync(path.join(dir, 'blumeops.yaml'))).toBe(false);
  });
});
