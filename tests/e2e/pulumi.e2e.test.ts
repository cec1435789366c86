import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { RunDocument } from '../../src/output/json.js';
import { blumeops } from '../helpers/cli.js';
import { commitAll, ledger, makeRepo, writeFiles } from '../helpers/repo.js';
import { TAILNET_CONFIG } from '../helpers/config.js';
import { pulumiStateFile } from '../helpers/pulumi-state.js';

const CONFIG = `${TAILNET_CONFIG}    refresh: false
`;

const program = (tags: string) => `name: blumeops-tailnet
runtime: yaml
resources:
  tailnet-acl:
    type: tailscale:index/acl:Acl
    properties:
      acl: '{"acls": []}'
  indri-tags:
    type: tailscale:index/deviceTags:DeviceTags
    properties:
      deviceId: nodeid-indri
      tags: [${tags}]
`;

let repo: string;
let env: Record<string, string>;

beforeEach(() => {
  repo = makeRepo({ 'blumeops.yaml': CONFIG, 'pulumi/tailscale/Pulumi.yaml': program('"tag:server"'), 'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n' });
  env = { PULUMI_EMULATOR_STATE: pulumiStateFile() };
});

describe('pulumi layer end to end', () => {
  it('plans, applies, is then in sync, and records the apply in the ledger', async () => {
    const plan = await blumeops(['plan'], { cwd: repo, env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('tailnet | pulumi: 2 to create');
    expect(plan.stdout).toContain('+ tailscale:index/acl:Acl tailnet-acl');

    const detailed = await blumeops(['preview', 'tailnet', '--detailed-exitcode'], { cwd: repo, env });
    expect(detailed.code).toBe(2);

    const apply = await blumeops(['up', 'tailnet', '--yes'], { cwd: repo, env });
    expect(apply.code, apply.stderr + apply.stdout).toBe(0);
    expect(apply.stdout).toContain('applied: created 2');

    const again = await blumeops(['plan', '--detailed-exitcode'], { cwd: repo, env });
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain('tailnet | pulumi: in sync');

    const [entry] = ledger(repo);
    expect(entry).toMatchObject({ layer: 'tailnet', kind: 'pulumi', status: 'applied', ref: 'HEAD', dirty: false, summary: { create: 2, update: 0, delete: 0, replace: 0, sync: 0 } });
    expect(entry.commit).toMatch(/^[0-9a-f]{40}$/);

    const history = await blumeops(['history', '--json'], { cwd: repo, env });
    expect(JSON.parse(history.stdout).entries[0]).toMatchObject({ layer: 'tailnet', status: 'applied' });
  });

  it('shows an update naming the changed property, and applies it', async () => {
    expect(((await blumeops(['up', 'tailnet', '--yes'], { cwd: repo, env }))).code).toBe(0);
    writeFiles(repo, { 'pulumi/tailscale/Pulumi.yaml': program('"tag:server", "tag:nas"') });
    commitAll(repo, 'tag indri as nas');
    const plan = await blumeops(['preview', 'tailnet', '-v'], { cwd: repo, env });
    expect(plan.stdout).toContain('~ tailscale:index/deviceTags:DeviceTags indri-tags: tags');
    expect(((await blumeops(['up', 'tailnet', '--yes'], { cwd: repo, env }))).code).toBe(0);
    expect(ledger(repo).at(-1)).toMatchObject({ status: 'applied', summary: { update: 1 }, message: 'tag indri as nas', messageSource: 'commit' });
  });

  it('prints one JSON document that validates against the schema, human output on stderr', async () => {
    const result = await blumeops(['plan', '--json'], { cwd: repo, env });
    expect(result.code).toBe(0);
    const document = RunDocument.parse(JSON.parse(result.stdout));
    expect(document.layers[0]).toMatchObject({ name: 'tailnet', kind: 'pulumi', status: 'changes', summary: { create: 2 } });
    expect(document.repo.dirty).toBe(false);
    expect(result.stderr).toContain('tailnet');
  });

  it('refuses to apply without a TTY and without --yes, before touching anything', async () => {
    const result = await blumeops(['apply'], { cwd: repo, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('refusing to apply without confirmation');
    expect(result.stderr).toContain('--yes');
    expect(ledger(repo)).toEqual([]);
  });

  it('reports a missing tool with how to install it', async () => {
    const result = await blumeops(['plan'], { cwd: repo, env: { ...env, PATH: '/usr/bin:/bin' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('pulumi: not found on PATH');
    expect(result.stdout).toContain('install it:');
  });

  it('reports a failing tool with its last lines and the log path', async () => {
    const result = await blumeops(['plan'], { cwd: repo, env: { ...env, PULUMI_EMULATOR_FAIL: 'exit:1:backend exploded' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('backend exploded');
    const log = /\/\S+\/\.git\/blumeops\/runs\/\S+\/tailnet\.log/.exec(result.stdout)?.[0];
    expect(log, result.stdout).toBeDefined();
    expect(readFileSync(log!, 'utf8')).toContain('backend exploded');
  });

  it('reports malformed tool output clearly and keeps the raw output in the log', async () => {
    const result = await blumeops(['plan', '--json'], { cwd: repo, env: { ...env, PULUMI_EMULATOR_MALFORMED: '1' } });
    expect(result.code).toBe(1);
    const document = RunDocument.parse(JSON.parse(result.stdout));
    const error = document.layers[0].error!;
    expect(error.message).toMatch(/not a preview JSON document|could not|malformed/i);
    expect(readFileSync(error.log!, 'utf8')).toContain('out| ');
  });

  it('says which verb fits a layer of another kind, and suggests the nearest layer name', async () => {
    writeFileSync(path.join(repo, 'blumeops.yaml'), `${CONFIG}  indri:\n    kind: ansible\n    playbook: site.yml\n`);
    commitAll(repo, 'add indri');
    const wrongVerb = await blumeops(['up', 'indri'], { cwd: repo, env });
    expect(wrongVerb.code).toBe(1);
    expect(wrongVerb.stderr).toContain('indri is an ansible layer, not pulumi');
    expect(wrongVerb.stderr).toContain('blumeops provision indri');
    const unknown = await blumeops(['plan', 'tailnte'], { cwd: repo, env });
    expect(unknown.stderr).toContain('unknown layer "tailnte"');
    expect(unknown.stderr).toContain('did you mean "tailnet"?');
  });

  it('points a config error at file:line:col without a stack trace', async () => {
    writeFileSync(path.join(repo, 'blumeops.yaml'), CONFIG.replace('stack: tail8d86e', 'stack: [a]'));
    const result = await blumeops(['plan'], { cwd: repo, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('blumeops.yaml:6:12: layers.tailnet.stack: expected a string');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
