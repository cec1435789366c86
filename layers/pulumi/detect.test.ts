import { describe, expect, it } from 'vitest';
import { repoView } from '../../src/detect/repo-view.js';
import { readTaskScript } from '../../src/detect/task-script.js';
import { adoptPulumiTask, scanPulumi } from './detect.js';

const view = (files: Record<string, string>) => repoView(Object.keys(files), (file) => files[file]);
const fileTask = (name: string, text: string) => readTaskScript(text, { name, source: 'file', file: `mise-tasks/${name}`, dir: '.', scriptDir: 'mise-tasks' });

const REPO = {
  'pulumi/tailscale/Pulumi.yaml': 'name: blumeops-tailnet\nruntime: yaml\n',
  'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n',
  'pulumi/gandi/Pulumi.yaml': 'name: gandi-dns\nruntime:\n  name: python\n  options:\n    toolchain: uv\n',
};

describe('scanPulumi', () => {
  it('names layers after the folder (tailnet after its project name), suffixes several stacks, skips a project without a stack', () => {
    const { layers, skipped } = scanPulumi(
      view({
        'infra/dns/Pulumi.yaml': 'name: homelab-dns\nruntime: yaml\n',
        'infra/dns/Pulumi.prod.yaml': 'encryptionsalt: v1:abc\n',
        'infra/dns/Pulumi.lab.yml': 'config: {}\n',
        'infra/net/Pulumi.yml': 'name: tailscale\n',
        'infra/net/Pulumi.home.yaml': '',
        'infra/empty/Pulumi.yaml': 'name: empty\n',
      }),
    );
    expect(layers.map((layer) => [layer.name, layer.config.stack, layer.tier])).toEqual([
      ['dns-lab', 'lab', 'other'],
      ['dns-prod', 'prod', 'other'],
      ['tailnet', 'home', 'tailnet'],
    ]);
    expect(layers[1].notes.join(' ')).toContain('PULUMI_CONFIG_PASSPHRASE');
    expect(layers[2].reason).toBe('pulumi project infra/net, stack home (Pulumi.home.yaml); named tailnet after its project name tailscale');
    expect(skipped).toEqual([{ path: 'infra/empty', reason: expect.stringContaining('no stack file') }]);
  });
});

describe('adoptPulumiTask', () => {
  it('adopts stack, env and the dependency step of an up task, whatever its name', () => {
    const repo = view(REPO);
    const { layers } = scanPulumi(repo);
    const task = fileTask('tailnet-up', `#!/usr/bin/env bash
set -euo pipefail
TS_ID=$(op read "op://blumeops/tailscale - blumeops/client_id")
export TS_ID
export TAILSCALE_TAILNET="tail8d86e.ts.net"
cd "$(dirname "$0")/../pulumi/tailscale"
uv sync --quiet || { echo "uv sync failed"; exit 1; }
pulumi stack select tail8d86e
pulumi up --yes "$@"
`);
    const adoption = adoptPulumiTask(task, layers, repo);
    expect(adoption?.layer).toBe(layers[0]);
    expect(adoption).toMatchObject({ verb: 'apply', config: { stack: 'tail8d86e', prepare: 'uv sync --quiet' }, env: { TS_ID: 'op://blumeops/tailscale - blumeops/client_id', TAILSCALE_TAILNET: 'tail8d86e.ts.net' }, notAdopted: [] });
    expect(adoption?.consumed.map((step) => step.line)).toEqual([9, 7, 8]);
  });

  it('makes the layer of a project without a stack file from the task, named after the folder, not the task', () => {
    const repo = view(REPO);
    const { layers } = scanPulumi(repo);
    const adoption = adoptPulumiTask(fileTask('dns-preview', 'cd pulumi/gandi\npulumi preview --stack prod --target urn:x "$@"\n'), layers, repo);
    expect(adoption?.layer).toMatchObject({ name: 'gandi', kind: 'pulumi', config: { dir: 'pulumi/gandi', stack: 'prod' }, reason: 'pulumi project pulumi/gandi, stack prod (from an old task)' });
    expect(adoption?.verb).toBe('plan');
    expect(adoption?.notAdopted.map((item) => item.reason)).toEqual([expect.stringContaining('`--target` is not carried over')]);
  });

  it('passes over tasks that run no up or preview, or none in a project folder', () => {
    const repo = view(REPO);
    const { layers } = scanPulumi(repo);
    expect(adoptPulumiTask(fileTask('refresh', 'cd pulumi/tailscale && pulumi refresh --yes'), layers, repo)).toBeUndefined();
    expect(adoptPulumiTask(fileTask('elsewhere', 'cd docs && pulumi up --stack x'), layers, repo)).toBeUndefined();
    expect(adoptPulumiTask(fileTask('nostack', 'cd pulumi/gandi && pulumi up'), layers, repo)).toBeUndefined();
  });

  it("a task that selects no stack: the project's only stack file, when there is exactly one", () => {
    const repo = view({ ...REPO, 'pulumi/dns/Pulumi.yaml': 'name: dns\nruntime: yaml\n', 'pulumi/dns/Pulumi.a.yaml': '', 'pulumi/dns/Pulumi.b.yaml': '' });
    const { layers } = scanPulumi(repo);
    const adoption = adoptPulumiTask(fileTask('tailnet-up', 'cd pulumi/tailscale\npulumi up --yes "$@"\n'), layers, repo);
    expect(adoption?.layer).toBe(layers.find((layer) => layer.config.dir === 'pulumi/tailscale'));
    expect(adoption?.adopted).toContain("stack tail8d86e (the project's only stack: the task selects none)");
    expect(adoptPulumiTask(fileTask('dns-up', 'cd pulumi/dns && pulumi up'), layers, repo)).toBeUndefined();
  });
});
