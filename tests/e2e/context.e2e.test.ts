import { describe, expect, it } from 'vitest';
import { ContextDocument } from '../../src/engine/context-schema.js';
import { blumeops } from '../helpers/cli.js';
import { DEMO_ARGOCD_TOKEN, homelab } from '../helpers/homelab.js';
import { commitAll, git, ledger, writeFiles } from '../helpers/repo.js';

/**
 * Memory and context: reasons recorded with every apply, and one document explaining the homelab,
 * on the example homelab (Pulumi and ArgoCD emulated, Ansible real against this machine).
 */
describe('reasons and blumeops context', () => {
  it('records reasons (given, defaulted, rollback) and explains every layer with its history and warnings', async () => {
    const { repo, env } = homelab();
    const run = (...args: string[]) => blumeops(args, { cwd: repo, env });

    const first = await run('apply', '--yes', '-m', 'first light');
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(ledger(repo).map((entry) => [entry.layer, entry.message, entry.messageSource])).toEqual([
      ['tailnet', 'first light', 'given'],
      ['indri', 'first light', 'given'],
      ['argocd', 'first light', 'given'],
    ]);

    writeFiles(repo, { 'pulumi/tailscale/Pulumi.yaml': git(repo, 'show', 'HEAD:pulumi/tailscale/Pulumi.yaml').replace('        - tag:server\n', '        - tag:server\n        - tag:nas\n') });
    commitAll(repo, 'tailnet: tag indri as nas');
    expect((await run('up', 'tailnet', '--yes')).code).toBe(0);
    expect(ledger(repo).at(-1)).toMatchObject({ layer: 'tailnet', message: 'tailnet: tag indri as nas', messageSource: 'commit' });

    expect((await run('rollback', 'tailnet', '--yes')).code).toBe(0);
    const rollback = ledger(repo).at(-1)!;
    expect(rollback).toMatchObject({ layer: 'tailnet', messageSource: 'rollback' });
    expect(String(rollback.message)).toMatch(/^rollback from [0-9a-f]{12}$/);

    const history = await run('history', 'tailnet');
    expect(history.stdout).toContain('"tailnet: tag indri as nas" (commit subject)');
    expect(history.stdout).toContain('"first light"');
    expect(history.stdout).toMatch(/rollback from [0-9a-f]{7}/);

    writeFiles(repo, { 'ansible/playbooks/indri.yml': `${git(repo, 'show', 'HEAD:ansible/playbooks/indri.yml')}\n    - name: timezone\n      ansible.builtin.copy:\n        dest: "{{ root }}/etc/timezone"\n        content: "Europe/Berlin\\n"\n        mode: "0644"\n` });
    commitAll(repo, 'indri: set the timezone');

    const markdown = await run('context', '--offline');
    expect(markdown.code, markdown.stderr).toBe(0);
    const text = markdown.stdout;
    expect(text).toContain('Live drift: not checked (--offline)');
    for (const heading of ['### tailnet (pulumi)', '### indri (ansible): UNAPPLIED', '### argocd (argocd)']) expect(text).toContain(heading);
    expect(text.indexOf('### tailnet')).toBeLessThan(text.indexOf('### indri'));
    expect(text.indexOf('### indri')).toBeLessThan(text.indexOf('### argocd'));
    expect(text).toContain('Pulumi project blumeops-tailnet in pulumi/tailscale, stack tail8d86e');
    expect(text).toContain('hosts in the inventory: indri');
    expect(text).toContain('4 ArgoCD Applications in argocd/apps, app-of-apps root apps');
    expect(text).toMatch(/last apply: `[0-9a-f]{7}`, \d+s ago, applied — "first light"/);
    expect(text).toContain('indri: set the timezone');
    expect(text).toContain('blumeops provision indri');
    expect(text).not.toContain(DEMO_ARGOCD_TOKEN);

    const json = await run('context', '--offline', '--format', 'json');
    const document = ContextDocument.parse(JSON.parse(json.stdout));
    expect(document.layers.map((layer) => [layer.name, layer.state])).toEqual([
      ['tailnet', 'unapplied'],
      ['indri', 'unapplied'],
      ['argocd', 'in-sync'],
    ]);
    expect(document.layers[1].commitsSince.map((commit) => commit.subject)).toEqual(['indri: set the timezone']);
    expect(document.commands).toContain('blumeops provision indri');

    const live = await run('context', '--format', 'json');
    const checked = ContextDocument.parse(JSON.parse(live.stdout));
    expect(checked.offline).toBe(false);
    expect(checked.layers[1].changes.join('\n')).toContain('timezone');
    expect(JSON.stringify(checked)).not.toContain(DEMO_ARGOCD_TOKEN);

    expect(Buffer.byteLength(text), 'the untrimmed document is larger than the limits below').toBeGreaterThan(1500);
    const small = await run('context', '--offline', '--max-bytes', '1500');
    expect(Buffer.byteLength(small.stdout), small.stdout).toBeLessThanOrEqual(1500);
    expect(small.stdout).toMatch(/_Trimmed to fit: .*per-app and per-resource detail/);
  });

  it('never prints more than --max-bytes: below what trimming reaches, the document is cut and says so', async () => {
    const { repo, env } = homelab();
    const full = await blumeops(['context', '--offline'], { cwd: repo, env });
    for (const limit of [2000, 300]) {
      expect(Buffer.byteLength(full.stdout), 'the untrimmed document is larger than the limit').toBeGreaterThan(limit);
      const small = await blumeops(['context', '--offline', '--max-bytes', String(limit)], { cwd: repo, env });
      expect(small.code, small.stderr).toBe(0);
      expect(Buffer.byteLength(small.stdout), small.stdout).toBeLessThanOrEqual(limit);
      expect(small.stdout).toMatch(/trimmed|cut/i);
    }
  });

  it('--format json with --max-bytes stays valid JSON: trimmed to fit, or an error when it cannot fit', async () => {
    const { repo, env } = homelab();
    const full = await blumeops(['context', '--offline', '--format', 'json'], { cwd: repo, env });
    const trimmed = await blumeops(['context', '--offline', '--format', 'json', '--max-bytes', String(Buffer.byteLength(full.stdout) - 200)], { cwd: repo, env });
    expect(trimmed.code, trimmed.stderr).toBe(0);
    expect(ContextDocument.parse(JSON.parse(trimmed.stdout)).trimmed.length).toBeGreaterThan(0);

    const tiny = await blumeops(['context', '--offline', '--format', 'json', '--max-bytes', '300'], { cwd: repo, env });
    expect(tiny.code).toBe(1);
    expect(tiny.stderr).toMatch(/error: the JSON document needs \d+ bytes even trimmed, more than --max-bytes 300\nhint: raise --max-bytes/);
    expect(JSON.parse(tiny.stdout)).toMatchObject({ exitCode: 1, error: { message: expect.stringContaining('--max-bytes 300') } });
  });

  it('warns about a stale lock and a failed last apply', async () => {
    const { repo, env } = homelab();
    const failed = await blumeops(['up', 'tailnet', '--yes'], { cwd: repo, env: { ...env, PULUMI_EMULATOR_FAIL: 'exit:1:quota exceeded', PULUMI_EMULATOR_FAIL_ON: 'up' } });
    expect(failed.code).toBe(1);
    writeFiles(repo, { '.git/blumeops/lock': JSON.stringify({ pid: 999_999, host: (await import('node:os')).hostname(), user: 'x', command: 'blumeops up tailnet', startedAt: new Date().toISOString() }) });
    const context = await blumeops(['context', '--offline'], { cwd: repo, env });
    expect(context.stdout).toMatch(/tailnet: the last apply failed/);
    expect(context.stdout).toMatch(/a stale apply lock is left by pid 999999/);
  });
});
