/**
 * The built blumeops driving each ansible-core the project supports (Debian's 2.14 and PyPI's newest
 * from tests/real/install) end to end on the example homelab's indri layer: its callback plugin, its
 * check-mode plan, its apply and the ledger. Under CI=true both versions must be there.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunDocument } from '../../src/output/json.js';
import { IN_CI } from '../helpers/ci.js';
import { blumeops } from '../helpers/cli.js';
import { homelab } from '../helpers/homelab.js';
import { ansibleInstalls, EXPECTED_ANSIBLE, INSTALL_HINT } from '../helpers/real-tools.js';
import { ledger } from '../helpers/repo.js';

const installs = ansibleInstalls();
const found = installs.map((install) => install.version);
const missing = EXPECTED_ANSIBLE.filter((version) => !found.includes(version));
const versions = IN_CI ? EXPECTED_ANSIBLE : found;

it(`finds every ansible-core to drive${missing.length > 0 && !IN_CI ? ` (not found here, so not tested: ${missing.join(', ')}; ${INSTALL_HINT})` : ''}`, () => {
  if (IN_CI) expect(found, `ansible-core ${missing.join(', ')} missing (${INSTALL_HINT})`).toEqual(expect.arrayContaining(EXPECTED_ANSIBLE));
});

/** The full version the ansible-playbook in `bin` reports (`ansible-playbook [core 2.19.14]`). */
function doctorVersion(bin: string): string {
  const out = execFileSync(path.join(bin, 'ansible-playbook'), ['--version'], { encoding: 'utf8' });
  return /\[core ([\d.]+)\]/.exec(out)?.[1] ?? 'unknown';
}

describe.each(versions)('blumeops provision on ansible-core %s', (version) => {
  it('plans in check mode, provisions, records it, and the next plan is in sync', async () => {
    const bin = installs.find((install) => install.version === version)?.bin;
    expect(bin, `ansible-core ${version} (${INSTALL_HINT})`).toBeDefined();
    const { repo, env } = homelab();
    const run = (...args: string[]) => blumeops(args, { cwd: repo, env: { ...env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } });

    const doctor = JSON.parse((await run('doctor', '--json')).stdout) as { checks: { name: string; status: string; detail: string }[] };
    // The version blumeops reports, from the bin dir it was given: the one this case drives.
    expect(doctor.checks.find((check) => check.name === 'ansible-playbook')?.detail).toBe(`${doctorVersion(bin!)} (${bin}/ansible-playbook)`);

    const plan = await run('plan', 'indri', '--json');
    expect(plan.code, plan.stderr).toBe(0);
    const planned = RunDocument.parse(JSON.parse(plan.stdout)).layers[0];
    expect(planned.status, plan.stderr).toBe('changes');
    expect(planned.changes.length).toBeGreaterThan(0);

    const up = await run('provision', 'indri', '--yes');
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(up.stdout).toMatch(/indri \| .*applied/);
    expect(ledger(repo).at(-1)).toMatchObject({ layer: 'indri', status: 'applied' });

    const again = await run('plan', 'indri', '--json');
    expect(RunDocument.parse(JSON.parse(again.stdout)).layers[0]).toMatchObject({ status: 'in-sync', changes: [] });
  });
});
