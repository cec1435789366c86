import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviceTagsProgram, TAILNET_CONFIG } from '../helpers/config.js';
import { startBlumeops, waitFor, type CliResult } from '../helpers/cli.js';
import { commitAll, ledger, makeRepo, runLogs, writeFiles } from '../helpers/repo.js';
import { pulumiStateFile } from '../helpers/pulumi-state.js';

const ROUNDS = 10;
const CONTENDERS = 8;


/** How many times any run of this repo ran `pulumi up`. */
function pulumiUps(repo: string): number {
  return runLogs(repo).match(/^\$ pulumi up/gm)?.length ?? 0;
}

describe('the apply lock under contention', () => {
  it(`lets exactly one of ${CONTENDERS} simultaneous applies run, ${ROUNDS} rounds in a row; the others name the holder`, async () => {
    const repo = makeRepo({ 'blumeops.yaml': `${TAILNET_CONFIG}    refresh: false\n`, 'pulumi/tailscale/Pulumi.yaml': deviceTagsProgram('tag:r0'), 'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n' });
    // The tool is slow enough that every contender tries while the winner holds the lock.
    const env = { PULUMI_EMULATOR_STATE: pulumiStateFile(), PULUMI_EMULATOR_DELAY_MS: '1000' };
    for (let round = 1; round <= ROUNDS; round++) {
      writeFiles(repo, { 'pulumi/tailscale/Pulumi.yaml': deviceTagsProgram(`tag:r${round}`) });
      commitAll(repo, `round ${round}`);
      const upsBefore = pulumiUps(repo);
      const runs = Array.from({ length: CONTENDERS }, () => startBlumeops(['apply', '--yes'], { cwd: repo, env }));
      const results: CliResult[] = await Promise.all(runs.map((run) => run.exited));
      const winners = results.filter((result) => result.code === 0);
      const losers = results.filter((result) => result.code !== 0);
      expect(winners, `round ${round}: ${results.map((result) => result.code).join(',')}`).toHaveLength(1);
      for (const loser of losers) {
        expect(loser.code).toBe(1);
        expect(loser.stderr).toMatch(/apply in progress: pid \d+ on \S+ since \d\d:\d\d, `blumeops apply --yes`/);
      }
      expect(pulumiUps(repo) - upsBefore, `round ${round}: pulumi up runs`).toBe(1);
      const applied = ledger(repo).filter((entry) => entry.status === 'applied');
      expect(applied, `round ${round}: ledger`).toHaveLength(round);
      expect(existsSync(path.join(repo, '.git/blumeops/lock'))).toBe(false);
    }
  }, 240_000);

  it('takes over the lock of a holder killed with SIGKILL, and says so', async () => {
    const repo = makeRepo({ 'blumeops.yaml': `${TAILNET_CONFIG}    refresh: false\n`, 'pulumi/tailscale/Pulumi.yaml': deviceTagsProgram('tag:a'), 'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n' });
    const env = { PULUMI_EMULATOR_STATE: pulumiStateFile() };
    const holder = startBlumeops(['apply', '--yes'], { cwd: repo, env: { ...env, PULUMI_EMULATOR_DELAY_MS: '1500' } });
    await waitFor(() => existsSync(path.join(repo, '.git/blumeops/lock')), 20_000, 'the lock');
    holder.child.kill('SIGKILL');
    await holder.exited;
    const lock = JSON.parse(readFileSync(path.join(repo, '.git/blumeops/lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(holder.child.pid);

    const next = startBlumeops(['apply', '--yes'], { cwd: repo, env });
    const result = await next.exited;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toContain(`took over a stale lock left by pid ${holder.child.pid}`);
    expect(existsSync(path.join(repo, '.git/blumeops/lock'))).toBe(false);
    expect(ledger(repo).at(-1)).toMatchObject({ status: 'applied' });
  }, 60_000);
});
