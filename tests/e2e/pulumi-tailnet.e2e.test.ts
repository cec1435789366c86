/**
 * The pulumi layer end to end against two backends with the same assertions: the emulator, and the
 * real pulumi running a Python program whose dynamic providers keep the tailnet in a local JSON file
 * (tests/real/install builds it). One stack is shared by the steps of the story, in order, so the
 * real pulumi runs a dozen times, not fifty. Without the real tools the `real` half skips with the
 * reason; under CI=true it fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunDocument } from '../../src/output/json.js';
import { blumeops, startBlumeops, waitFor } from '../helpers/cli.js';
import { FIRST, pulumiWorld, SECRET, unavailable, URN, type PulumiBackend, type PulumiWorld } from '../helpers/pulumi-world.js';
import { IN_CI } from '../helpers/ci.js';
import { ledger } from '../helpers/repo.js';

const BACKENDS: PulumiBackend[] = ['emulator', 'real'];
const TAGS = `${URN}:DeviceTags::indri-tags`;

/** Everything blumeops wrote for the repo under `sub`: run logs and the ledger. */
function written(repo: string, sub = ''): string {
  const root = path.join(repo, '.git', 'blumeops', sub);
  if (!existsSync(root)) return '';
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else files.push(readFileSync(file, 'utf8'));
    }
  };
  walk(root);
  return files.join('\n');
}

/** The run log a layer wrote in one run (`.git/blumeops/runs/<runId>/<layer>.log`). */
function runLog(repo: string, runId: string, layer: string): string {
  return readFileSync(path.join(repo, '.git', 'blumeops', 'runs', runId, `${layer}.log`), 'utf8');
}

/** A suite title, with why it is skipped when its backend is missing outside CI. */
function suite(title: string, backend: PulumiBackend): { title: string; skip: boolean; missing?: string } {
  const missing = unavailable(backend);
  const skip = missing !== undefined && !IN_CI;
  return { title: skip ? `${title} (skipped: ${missing})` : title, skip, missing };
}

for (const backend of BACKENDS) {
  const { title, skip, missing } = suite(`pulumi layer on the ${backend} pulumi`, backend);
  describe.skipIf(skip)(title, () => {
    let world: PulumiWorld;
    const outputs: string[] = [];
    const run = async (args: string[], extra: Record<string, string> = {}) => {
      const result = await blumeops(args, { cwd: world.repo, env: { ...world.env, ...extra } });
      outputs.push(result.stdout, result.stderr);
      return result;
    };

    beforeAll(async () => {
      expect(missing, 'the real tools are required under CI=true').toBeUndefined();
      world = await pulumiWorld(backend);
    }, 120_000);

    it('previews a new stack: three creates, the stack secret masked', async () => {
      const plan = await run(['plan', '--json']);
      expect(plan.code, plan.stderr).toBe(0);
      const layer = RunDocument.parse(JSON.parse(plan.stdout)).layers[0];
      expect(layer).toMatchObject({ name: 'tailnet', status: 'changes', summary: { create: 3, update: 0, delete: 0 } });
      expect(layer.changes.map((change) => change.summary).sort()).toEqual([
        'pulumi-python:dynamic/tailnet:Acl tailnet-acl',
        'pulumi-python:dynamic/tailnet:DeviceTags indri-tags',
        'pulumi-python:dynamic/tailnet:Nameservers dns',
      ]);
    });

    it('applies with up, records it, and is in sync afterwards (also with --expect-no-changes)', async () => {
      const up = await run(['up', 'tailnet', '--yes']);
      expect(up.code, up.stderr + up.stdout).toBe(0);
      expect(up.stdout).toContain('applied: created 3');
      expect(ledger(world.repo).at(-1)).toMatchObject({ layer: 'tailnet', status: 'applied', summary: { create: 3 } });

      const again = await run(['preview', 'tailnet', '--detailed-exitcode', '--', '--expect-no-changes']);
      expect(again.code, again.stdout + again.stderr).toBe(0);
      expect(again.stdout).toContain('tailnet | pulumi: in sync');
    });

    it('shows drift made behind pulumi\'s back in the next plan (refresh)', async () => {
      const plan = await run(['plan', '-v'], world.drift('indri', ['tag:rogue']));
      expect(plan.code, plan.stderr).toBe(0);
      expect(plan.stdout).toContain('tailnet | pulumi: 1 to update');
      expect(plan.stdout).toContain('~ pulumi-python:dynamic/tailnet:DeviceTags indri-tags: tags');
      expect(plan.stdout).toContain('"tag:rogue"');
    });

    it('blumeops up tailnet -- --target URN changes only that resource; --expect-no-changes then flags the rest', async () => {
      world.want({ ...FIRST, devices: { indri: ['tag:server', 'tag:nas'] }, nameservers: ['8.8.8.8'] }, 'tag indri as nas, new nameserver');
      const up = await run(['up', 'tailnet', '--yes', '--', '--target', TAGS]);
      expect(up.code, up.stderr + up.stdout).toBe(0);
      expect(up.stdout).toContain('tailnet | pulumi: 1 to update');
      expect(up.stdout).toContain('applied: updated 1');

      const plan = await run(['preview', 'tailnet', '-v', '--', '--expect-no-changes']);
      expect(plan.stdout).toContain('tailnet | pulumi: 1 to update');
      expect(plan.stdout).toContain('~ pulumi-python:dynamic/tailnet:Nameservers dns: nameservers');
      expect(plan.stdout).not.toContain('DeviceTags');
      expect(plan.stdout + plan.stderr).toContain('no changes were expected but changes were proposed');
    });

    it("a provider that fails: its message and pulumi's exit code reach the user", async () => {
      const bad = ['tag:Bad Tag'];
      world.want({ ...FIRST, devices: { indri: bad }, nameservers: ['8.8.8.8'] }, 'a tag the tailnet refuses');
      const fails = world.failing('indri', bad);
      const up = await run(['up', 'tailnet', '--yes'], fails.env);
      expect(up.code).toBe(1);
      expect(up.stdout + up.stderr).toContain(`could not update pulumi-python:dynamic/tailnet:DeviceTags indri-tags: ${fails.message}`);
      expect(up.stdout + up.stderr).not.toContain('Traceback');
      expect(ledger(world.repo).at(-1)).toMatchObject({ status: 'failed' });
    });

    it('a stack locked by another pulumi process fails with a clear error', async () => {
      world.want({ ...FIRST, devices: { indri: ['tag:server', 'tag:web'] } }, 'tag indri as web');
      // Slow enough to still hold the lock when blumeops' up starts, after its preview (seconds with
      // the real pulumi, a blink with the emulator).
      const other = world.pulumiUp(world.slow(backend === 'real' ? 10 : 3));
      const done = new Promise((resolve) => other.on('close', resolve));
      try {
        await waitFor(() => world.locked(), 30_000, 'the other update to lock the stack');
        const up = await run(['up', 'tailnet', '--yes']);
        expect(up.code).toBe(1);
        expect(up.stdout + up.stderr).toContain("pulumi stack 'tail8d86e' is locked by another pulumi process");
        expect(up.stdout + up.stderr).toContain('pulumi cancel --stack tail8d86e');
      } finally {
        await done;
      }
    });

    it('Ctrl-C during up: pulumi cancels, the ledger says interrupted', async () => {
      world.want({ ...FIRST, devices: { indri: ['tag:server'] }, nameservers: ['9.9.9.9'] }, 'back to one tag, another nameserver');
      const running = startBlumeops(['up', 'tailnet', '--yes'], { cwd: world.repo, env: { ...world.env, ...world.slow(3) } });
      // pulumi up holds the stack's lock while it runs (blumeops' preview before it takes none).
      await waitFor(() => world.locked(), 60_000, 'pulumi up to start');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      running.child.kill('SIGINT');
      const result = await running.exited;
      outputs.push(result.stdout, result.stderr);
      expect(result.code, result.stdout + result.stderr).toBe(130);
      const entry = ledger(world.repo).at(-1);
      expect(entry).toMatchObject({ status: 'interrupted' });

      // pulumi itself got the SIGINT and cancelled, in its own words (pulumi 3.260 with --json: a
      // stdoutEvent, then an `update canceled` error diagnostic), and exited by itself: it was not
      // killed mid-write, which would leave its lock and a pending operation in the state.
      const log = runLog(world.repo, String(entry?.runId), 'tailnet');
      expect(log).toContain('"message":"^C received; cancelling. If you would like to terminate immediately, press ^C again.');
      expect(log).toContain('"message":"update canceled\\n"');
      expect(log).toMatch(/^exit: 1 \(/m);
      // The lock is gone once blumeops has exited (it waits for pulumi), and the stack takes the
      // next update: no `pulumi cancel` needed.
      expect(world.locked(), 'the stack is still locked after the interrupted up').toBe(false);
      // pulumi lets the steps in flight finish before it cancels: on a slow machine they may all be
      // done, and the next up then has nothing left to change.
      const next = await run(['up', 'tailnet', '--yes']);
      expect(next.code, next.stdout + next.stderr).toBe(0);
      expect(['applied', 'in-sync']).toContain(ledger(world.repo).at(-1)?.status);
    });

    it('never shows the stack secret: not in any output, run log or the ledger', () => {
      expect(outputs.join('\n')).not.toContain(SECRET);
      expect(written(world.repo)).not.toContain(SECRET);
    });
  });
}

const uv = suite('a uv project (pyproject.toml, toolchain: uv) on the real pulumi', 'real');
describe.skipIf(uv.skip)(uv.title, () => {
  const missing = uv.missing;
  it('plans and applies offline (uv syncs the project from its cache)', async () => {
    expect(missing, 'the real tools are required under CI=true').toBeUndefined();
    const world = await pulumiWorld('real', 'uv');
    const up = await blumeops(['up', 'tailnet', '--yes'], { cwd: world.repo, env: world.env });
    expect(up.code, up.stderr + up.stdout).toBe(0);
    expect(up.stdout).toContain('tailnet | pulumi: 3 to create');
    expect(up.stdout).toContain('applied: created 3');
  }, 120_000);
});
