import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardDocument } from '../../src/service/dashboard-schema.js';
import { skipUnlessCI } from '../helpers/ci.js';
import { argocdWorld } from '../helpers/argocd-world.js';
import { blumeops, PROJECT_ROOT } from '../helpers/cli.js';
import { commitAll, writeFiles } from '../helpers/repo.js';
import { startWatchService, type RunningService } from '../helpers/service.js';
import { pulumiStateFile } from '../helpers/pulumi-state.js';

/** Debian's chromium (`apt-get install chromium`); never a browser downloaded by playwright. */
const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM);
const ARTIFACTS = path.join(PROJECT_ROOT, 'test-results');

const APP_PAYLOAD = '<img src=x onerror=window.pwned=1>';
const COMMIT_PAYLOAD = 'dns: <script>window.pwned=2</script> & "quotes"';
const pulumiProgram = (project: string, value: string) => `name: ${project}\nruntime: yaml\nresources:\n  main:\n    type: tailscale:index/acl:Acl\n    properties:\n      acl: '${value}'\n`;
const pulumiLayer = (name: string, dir: string, needs?: string) => `  ${name}:\n    kind: pulumi\n    dir: ${dir}\n    stack: tail8d86e\n    refresh: false\n${needs ? `    needs: [${needs}]\n` : ''}`;

let context: BrowserContext;
let page: Page;
let service: RunningService;
let pulumiState: string;
const problems: string[] = [];

describe.skipIf(skipUnlessCI(missing))(`the status page in a real browser${skipUnlessCI(missing) ? ` (skipped: ${CHROMIUM} is missing; apt-get install chromium)` : ''}`, () => {
  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} (CI installs Debian's chromium)`).toBe(true);
    // Three layers: tailnet → dns → argocd. An app and a commit whose names are HTML/JS payloads.
    const world = argocdWorld({ apps: [{ name: 'cv', category: 'synced' }, { name: APP_PAYLOAD, category: 'orphan' }], layerKeys: ['    needs: [dns]'] });
    const repo = world.repo;
    writeFiles(repo, {
      'blumeops.yaml': `${readFileSync(path.join(repo, 'blumeops.yaml'), 'utf8')}${pulumiLayer('tailnet', 'pulumi/tailscale')}${pulumiLayer('dns', 'pulumi/dns', 'tailnet')}`,
      'pulumi/tailscale/Pulumi.yaml': pulumiProgram('tailnet', 'v1'),
      'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n',
      'pulumi/dns/Pulumi.yaml': pulumiProgram('dns', 'v1'),
      'pulumi/dns/Pulumi.tail8d86e.yaml': 'config: {}\n',
    });
    commitAll(repo, 'pulumi layers');
    pulumiState = pulumiStateFile(path.join(mkdtempSync(path.join(os.tmpdir(), 'browser-state-')), 'pulumi.json'), { tail8d86e: 'tailnet' });
    const env = { ...world.env, PULUMI_EMULATOR_STATE: pulumiState };
    const applied = await blumeops(['apply', 'tailnet', 'dns', '--yes'], { cwd: repo, env });
    expect(applied.code, applied.stderr).toBe(0);
    writeFiles(repo, { 'pulumi/dns/Pulumi.yaml': pulumiProgram('dns', 'v2') });
    commitAll(repo, COMMIT_PAYLOAD);

    const [started, browser] = await Promise.all([
      startWatchService(['--interval', '1s'], { cwd: repo, env }),
      chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-')), {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        viewport: { width: 1280, height: 900 },
      }),
    ]);
    service = started;
    context = browser;
    page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(() => {
      const violations: string[] = [];
      (window as unknown as { violations: string[] }).violations = violations;
      document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => (message.type() === 'error' ? problems.push(`console: ${message.text()}`) : undefined));
    page.on('request', (request) => (request.url().startsWith(service.url) ? undefined : problems.push(`request elsewhere: ${request.url()}`)));
  });

  afterAll(async () => {
    await context?.close();
    await service?.stop();
  });

  const node = (layer: string) => page.locator(`svg.graph g.node[data-layer="${layer}"]`);
  const card = (layer: string) => page.locator(`section.card[data-layer="${layer}"]`);

  it("loads the page and shows every layer's state in the graph and in its card", async () => {
    await page.goto(service.url);
    await page.waitForSelector('html[data-rendered]');
    await node('argocd').waitFor();
    expect(await page.locator('svg.graph g.node').evaluateAll((nodes) => nodes.map((g) => [g.getAttribute('data-layer'), g.getAttribute('data-state')]))).toEqual([
      ['argocd', 'unapplied'],
      ['tailnet', 'in-sync'],
      ['dns', 'unapplied'],
    ]);
    for (const [layer, state] of [['tailnet', 'in-sync'], ['dns', 'unapplied'], ['argocd', 'unapplied']]) await expect.poll(() => card(layer).getAttribute('data-state')).toBe(state);
    expect(await page.locator('svg.graph path.edge').count()).toBe(2);
    expect(await card('tailnet').textContent()).toContain('Pulumi project tailnet');
    expect(await page.locator('#connection').textContent()).toBe('live');
    expect(await page.locator('table.timeline tbody tr').count()).toBe(2);
  });

  it('renders HTML/JS payloads from Git and the tools as text: nothing runs, no element appears', async () => {
    const commits = card('dns').locator('ul.commits li .subject');
    expect(await commits.first().textContent()).toBe(COMMIT_PAYLOAD);
    // A live app gone from Git (an orphan) is named in the argocd layer's warnings.
    const orphan = card('argocd').locator('ul.warnings li', { hasText: 'is no longer in Git' });
    expect(await orphan.textContent()).toBe(`${APP_PAYLOAD} is no longer in Git; kept because pruning is off (pass --prune or set prune: true)`);
    await card('dns').locator('details > summary', { hasText: 'plan:' }).click();
    expect(await card('dns').locator('ul.changes li').count()).toBe(1);
    expect(await page.evaluate(() => ({ pwned: (window as unknown as { pwned?: number }).pwned ?? null, images: document.images.length, scripts: document.scripts.length }))).toEqual({ pwned: null, images: 0, scripts: 1 });
  });

  it('shows drift injected into the emulated tool within one cycle, without a reload; then fits a phone', async () => {
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    const before = DashboardDocument.parse(await (await fetch(new URL('api/v1/dashboard', service.url))).json());
    // Someone changes the tailnet's ACL by hand: the state no longer matches the program.
    const state = JSON.parse(readFileSync(pulumiState, 'utf8')) as { stacks: Record<string, { resources: Record<string, { inputs: Record<string, unknown> }> }> };
    const urn = Object.keys(state.stacks.tail8d86e.resources).find((key) => key.includes('::tailnet::') && key.endsWith('::main'))!;
    state.stacks.tail8d86e.resources[urn].inputs.acl = 'edited by hand';
    writeFileSync(pulumiState, JSON.stringify(state));
    await node('tailnet').and(page.locator('[data-state="drifted"]')).waitFor({ timeout: 20_000 });
    const after = DashboardDocument.parse(await (await fetch(new URL('api/v1/dashboard', service.url))).json());
    expect(after.loop.lastCycle!.cycle, 'the drift was shown by the cycle after the edit').toBeLessThanOrEqual(before.loop.cycle + 1);
    expect(await card('tailnet').getAttribute('data-state')).toBe('drifted');
    expect(await card('tailnet').locator('.detail').textContent()).toBe('live differs: 1 to update');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'service-dashboard.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(ARTIFACTS, 'service-dashboard-phone.png'), fullPage: true });
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
