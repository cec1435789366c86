import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blumeops } from '../helpers/cli.js';
import { deviceTagsProgram, TAILNET_CONFIG } from '../helpers/config.js';
import { pulumiStateFile } from '../helpers/pulumi-state.js';
import { makeRepo } from '../helpers/repo.js';


/** The pulumi command lines of every run. */
function pulumiCalls(repo: string): string[] {
  const runs = path.join(repo, '.git/blumeops/runs');
  return readdirSync(runs).flatMap((run) => readFileSync(path.join(runs, run, 'tailnet.log'), 'utf8').split('\n').filter((line) => line.startsWith('$ pulumi preview')));
}

describe('arguments for the tool', () => {
  it("a kind's verb passes options it does not know, and what follows `--`, to the tool; a stray word is an error", async () => {
    const repo = makeRepo({ 'blumeops.yaml': `${TAILNET_CONFIG}    refresh: false\n`, 'pulumi/tailscale/Pulumi.yaml': deviceTagsProgram('tag:server'), 'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n' });
    const env = { PULUMI_EMULATOR_STATE: pulumiStateFile() };
    const plan = await blumeops(['preview', 'tailnet', '--json', '--diff', '--target', 'urn:pulumi:x', '--', '--suppress-outputs'], { cwd: repo, env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout).command).toBe('preview');
    expect(pulumiCalls(repo).at(-1)).toMatch(/ --diff --target urn:pulumi:x --suppress-outputs$/);

    const stray = await blumeops(['preview', 'tailnet', 'indri'], { cwd: repo, env });
    expect(stray.code).toBe(1);
    expect(stray.stderr).toContain("error: too many arguments for 'preview': indri");
  });
});
