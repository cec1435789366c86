import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const PULUMI = join(HERE, 'pulumi');
const PROJECT = 'blumeops-tailnet';
const STACK = 'tail8d86e';
const ACL = 'tailscale:index/acl:Acl';
const DNS = 'tailscale:index/dnsNameservers:DnsNameservers';
const KEY = 'tailscale:index/tailnetKey:TailnetKey';

type Result = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

const BASE = {
  'tailnet-acl': { type: ACL, properties: { acl: { tagOwners: { 'tag:k8s': ['autogroup:admin'] } } } },
  'dns-ns': { type: DNS, properties: { nameservers: ['1.1.1.1'] } },
  key: {
    type: KEY,
    properties: { reusable: true, token: { 'fn::secret': 'hunter2' } },
    options: { replaceOnChanges: ['reusable'] },
  },
};

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function cleanEnv(statePath: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('PULUMI_') && k !== 'CI') env[k] = v;
  }
  return { ...env, PULUMI_EMULATOR_STATE: statePath, ...extra };
}

function urn(type: string, name: string, stack = STACK): string {
  return `urn:pulumi:${stack}::${PROJECT}::${type}::${name}`;
}

/** A temp project (Pulumi.yaml written as JSON, which is YAML) with its own state file. */
function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'pulumi-emu-'));
  dirs.push(dir);
  const statePath = join(dir, 'state.json');
  const writeProgram = (resources: Record<string, unknown>, outputs: Record<string, unknown> = {}) =>
    writeFileSync(join(dir, 'Pulumi.yaml'), JSON.stringify({ name: PROJECT, runtime: 'yaml', resources, outputs }));
  writeProgram(BASE, { dnsNs: '${dns-ns.nameservers}' });
  writeFileSync(join(dir, `Pulumi.${STACK}.yaml`), 'config:\n  tailscale:tailnet: tail8d86e.ts.net\n');
  // The stack exists in the backend (as after `pulumi stack init`): its settings file alone is no stack.
  writeFileSync(statePath, JSON.stringify({ version: 1, stacks: { [STACK]: { project: PROJECT, resources: {} } } }));
  const env = (extra: Record<string, string> = {}) => cleanEnv(statePath, extra);
  const run = (args: string[], extra: Record<string, string> = {}, cwd = dir): Promise<Result> =>
    new Promise((resolve, reject) => {
      const child = spawn(PULUMI, args, { cwd, env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
  const upAll = (extra: Record<string, string> = {}) => run(['up', '--yes', '--skip-preview', '--json', '-s', STACK], extra);
  const state = () => JSON.parse(readFileSync(statePath, 'utf8'));
  return { dir, statePath, env, run, upAll, writeProgram, state };
}

function lines(stdout: string): Array<Record<string, any>> {
  return stdout.trim().split('\n').map((l) => JSON.parse(l));
}

function payloadKey(e: Record<string, any>): string {
  return Object.keys(e).find((k) => k !== 'sequence' && k !== 'timestamp')!;
}

describe.concurrent('pulumi emulator: preview', () => {
  it('is found on PATH and prints its version', async ({ expect }) => {
    const f = fixture();
    const r = spawnSync('pulumi', ['version'], { env: { ...f.env(), PATH: `${HERE}:${process.env.PATH}` }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('v3.230.0\n');
  });

  it('plans creates for a fresh stack as one 4-space JSON document', async ({ expect }) => {
    const f = fixture();
    const r = await f.run(['preview', '--json', '--non-interactive', '-s', STACK]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('{\n    "config": {\n        "tailscale:tailnet"')).toBe(true);
    const doc = JSON.parse(r.stdout);
    expect(doc.steps.map((s: any) => [s.op, s.urn])).toEqual([
      ['same', urn('pulumi:pulumi:Stack', `${PROJECT}-${STACK}`)],
      ['create', urn(ACL, 'tailnet-acl')],
      ['create', urn(DNS, 'dns-ns')],
      ['create', urn(KEY, 'key')],
    ]);
    expect(doc.changeSummary).toEqual({ same: 1, create: 3 });
    expect(Number.isInteger(doc.duration)).toBe(true);
    const create = doc.steps[1];
    expect(create.oldState).toBeUndefined();
    expect(create.newState).toMatchObject({ type: ACL, custom: true, urn: urn(ACL, 'tailnet-acl') });
    expect(create.detailedDiff).toBeNull();
    expect(doc.steps[3].newState.inputs.token).toBe('[secret]');
    expect(r.stdout).not.toContain('hunter2');
  });

  it('shows update, replace, delete and (with --show-sames) same after an up', async ({ expect }) => {
    const f = fixture();
    expect((await f.upAll()).code).toBe(0);
    f.writeProgram({
      'dns-ns': { type: DNS, properties: { nameservers: ['1.1.1.1', '8.8.8.8'] } },
      key: { ...BASE.key, properties: { reusable: false, token: { 'fn::secret': 'hunter2' } } },
      extra: { type: ACL, properties: { acl: {} } },
    });
    const r = await f.run(['preview', '--json', '--show-sames', '-s', STACK]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const byName = Object.fromEntries(doc.steps.map((s: any) => [s.urn.split('::')[3], s]));
    expect(byName['dns-ns']).toMatchObject({
      op: 'update',
      diffReasons: ['nameservers'],
      detailedDiff: { 'nameservers[1]': { kind: 'add', inputDiff: true } },
    });
    expect(byName['dns-ns'].oldState.id).toBe(byName['dns-ns'].newState.id);
    expect(byName.key).toMatchObject({
      op: 'replace',
      diffReasons: ['reusable'],
      replaceReasons: ['reusable'],
      detailedDiff: { reusable: { kind: 'update-replace', inputDiff: true } },
    });
    expect(byName.extra.op).toBe('create');
    expect(byName['tailnet-acl'].op).toBe('delete');
    expect(byName['tailnet-acl'].newState).toBeUndefined();
    expect(doc.changeSummary).toEqual({ same: 1, update: 1, replace: 1, create: 1, delete: 1 });
  });

  it('is in sync after up; --expect-no-changes passes', async ({ expect }) => {
    const f = fixture();
    const up = await f.upAll();
    expect(up.code).toBe(0);
    const r = await f.run(['preview', '--json', '--expect-no-changes', '-s', STACK]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.changeSummary).toEqual({ same: 4 });
    expect(doc.steps).toHaveLength(1);
    const withSames = JSON.parse((await f.run(['preview', '--json', '--show-sames', '-s', STACK])).stdout);
    expect(withSames.steps.map((s: any) => s.op)).toEqual(['same', 'same', 'same', 'same']);
  });

  it('fails --expect-no-changes with 7 (255 legacy) after printing the digest', async ({ expect }) => {
    const f = fixture();
    const r = await f.run(['preview', '--json', '--expect-no-changes', '-s', STACK]);
    expect(r.code).toBe(7);
    expect(JSON.parse(r.stdout).changeSummary.create).toBe(3);
    expect(r.stderr).toBe('error: no changes were expected for preview but changes were proposed\n');
    expect((await f.run(['preview', '--json', '--expect-no-changes', '-s', STACK], { PULUMI_EMULATOR_LEGACY_EXIT: '1' })).code).toBe(255);
  });

  it('prints a human preview without --json', async ({ expect }) => {
    const f = fixture();
    const r = await f.run(['preview', '-s', STACK, '--diff']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Previewing update (${STACK}):`);
    expect(r.stdout).toContain(` +  ${ACL} tailnet-acl create`);
    expect(r.stdout).toContain('Resources:\n    + 3 to create\n    1 unchanged\n');
  });
});

describe.concurrent('pulumi emulator: stacks, flags and exit codes', () => {
  it('reports a missing stack with 6, or 255 in legacy mode', async ({ expect }) => {
    const f = fixture();
    const r = await f.run(['preview', '--json', '-s', 'nope']);
    expect(r.code).toBe(6);
    expect(r.stderr).toBe("error: no stack named 'nope' found\n");
    expect((await f.run(['preview', '-s', 'nope'], { PULUMI_EMULATOR_LEGACY_EXIT: '1' })).code).toBe(255);
    const none = await f.run(['preview']);
    expect(none.code).toBe(6);
    expect(none.stderr).toBe('error: no stack selected; specify a stack name with --stack\n');
  });

  it('rejects unknown flags like cobra', async ({ expect }) => {
    const f = fixture();
    const r = await f.run(['preview', '--foo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: unknown flag: --foo\n');
    expect((await f.run(['preview', '-x'])).stderr).toBe("error: unknown shorthand flag: 'x' in -x\n");
    expect((await f.run(['up', '--foo'], { PULUMI_EMULATOR_LEGACY_EXIT: '1' })).code).toBe(255);
  });

  it('accepts --refresh in all its forms and -C', async ({ expect }) => {
    const f = fixture();
    for (const flag of ['--refresh', '--refresh=true', '--refresh=false', '-r']) {
      const r = await f.run(['-C', f.dir, 'preview', flag, '--json', '-s', STACK], {}, tmpdir());
      expect(r.code, flag).toBe(0);
    }
  });

  it('refuses up without --yes when non-interactive, and refresh --preview-only --yes', async ({ expect }) => {
    const f = fixture();
    const up = await f.run(['up', '-s', STACK]);
    expect(up.code).toBe(2);
    expect(up.stderr).toBe('error: --yes or --skip-preview or --preview-only must be passed in to proceed when running in non-interactive mode\n');
    const refresh = await f.run(['refresh', '--preview-only', '--yes', '-s', STACK]);
    expect(refresh.code).toBe(2);
    expect(refresh.stderr).toBe('error: --yes and --preview-only cannot be used together\n');
    expect((await f.run(['refresh', '--preview-only', '--json', '-s', STACK])).code).toBe(0);
  });

  it('selects and creates stacks, and reads outputs', async ({ expect }) => {
    const f = fixture();
    expect((await f.run(['stack', 'select', 'dev'])).code).toBe(6);
    expect((await f.run(['stack', 'select', '-c', 'dev'])).code).toBe(0);
    expect((await f.run(['stack', 'select', STACK])).code).toBe(0);
    expect((await f.upAll()).code).toBe(0);
    const out = await f.run(['stack', 'output', '--json']);
    expect(JSON.parse(out.stdout)).toEqual({ dnsNs: ['1.1.1.1'] });
    expect((await f.run(['stack', 'output', 'missing'])).stderr).toBe("error: current stack does not have output property 'missing'\n");
    const ls = JSON.parse((await f.run(['stack', 'ls', '--json'])).stdout);
    expect(ls.map((s: any) => [s.name, s.current])).toEqual([['dev', false], [STACK, true]]);
  });

  it('answers whoami, and fails with 3 when logged out', async ({ expect }) => {
    const f = fixture();
    const who = JSON.parse((await f.run(['whoami', '--json'], { PULUMI_EMULATOR_USER: 'erich' })).stdout);
    expect(who).toMatchObject({ user: 'erich', organizations: [] });
    expect(who.url).toMatch(/^file:\/\//);
    const out = await f.run(['whoami'], { PULUMI_EMULATOR_LOGGED_OUT: '1' });
    expect(out.code).toBe(3);
    expect(out.stderr).toBe('error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions\n');
  });
});

describe.concurrent('pulumi emulator: up', () => {
  it('streams JSON lines that end with a cancelEvent and writes the state', async ({ expect }) => {
    const f = fixture();
    const r = await f.upAll();
    expect(r.code).toBe(0);
    const events = lines(r.stdout);
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i));
    expect(payloadKey(events[0])).toBe('preludeEvent');
    expect(events.at(-1)).toMatchObject({ cancelEvent: {} });
    const summary = events.at(-2)!.summaryEvent;
    expect(summary).toMatchObject({ maybeCorrupt: false, resourceChanges: { create: 3, same: 1 }, PolicyPacks: {}, isPreview: false, result: 'succeeded' });
    const created = events.filter((e) => e.resOutputsEvent?.metadata.op === 'create');
    expect(created).toHaveLength(3);
    expect(created[0].resOutputsEvent.metadata).toMatchObject({ type: ACL, logical: true, old: null });
    expect(r.stdout).not.toContain('hunter2');
    const state = JSON.parse(readFileSync(f.statePath, 'utf8'));
    expect(Object.keys(state.stacks[STACK].resources)).toContain(urn(ACL, 'tailnet-acl'));
  });

  it('prints the preview digest before the JSON lines without --skip-preview, and logs events', async ({ expect }) => {
    const f = fixture();
    const log = join(f.dir, 'events.jsonl');
    const r = await f.run(['up', '--yes', '--json', '--event-log', log, '-s', STACK]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('{\n    "')).toBe(true);
    const end = r.stdout.indexOf('\n}\n') + 3;
    expect(JSON.parse(r.stdout.slice(0, end)).changeSummary).toEqual({ same: 1, create: 3 });
    const stream = r.stdout.slice(end);
    expect(readFileSync(log, 'utf8')).toBe(stream);
  });

  it('fails one resource with PULUMI_EMULATOR_RESOURCE_FAIL and keeps going', async ({ expect }) => {
    const f = fixture();
    const r = await f.upAll({ PULUMI_EMULATOR_RESOURCE_FAIL: 'dns-ns' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: update failed\n');
    const events = lines(r.stdout);
    expect(events.some((e) => e.resOpFailedEvent?.metadata.urn === urn(DNS, 'dns-ns'))).toBe(true);
    expect(events.some((e) => e.diagnosticEvent?.severity === 'error')).toBe(true);
    expect(events.at(-2)!.summaryEvent).toMatchObject({ result: 'failed', resourceChanges: { create: 2 } });
    expect((await f.run(['up', '-y', '--skip-preview', '--json', '-s', STACK], { PULUMI_EMULATOR_RESOURCE_FAIL: 'dns-ns', PULUMI_EMULATOR_LEGACY_EXIT: '1' })).code).toBe(255);
  });

  it('cancels on SIGINT mid-apply like pulumi 3.260 with --json: exit 1, cancelling stdoutEvent, `update canceled`, partial state', async ({ expect }) => {
    const f = fixture();
    const child = spawn(PULUMI, ['up', '--yes', '--skip-preview', '--json', '-s', STACK], {
      cwd: f.dir,
      env: f.env({ PULUMI_EMULATOR_STEP_DELAY_MS: '1000' }),
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d) => (stderr += d));
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!sent && stdout.includes('"resourcePreEvent":{"metadata":{"op":"create"')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(await done).toBe(1);
    const events = lines(stdout);
    expect(events.some((e) => e.stdoutEvent?.message.startsWith('^C received; cancelling.'))).toBe(true);
    expect(events.some((e) => e.diagnosticEvent?.message === 'update canceled\n' && e.diagnosticEvent.severity === 'error')).toBe(true);
    expect(events.at(-2)!.summaryEvent.result).toBe('failed');
    expect(events.at(-1)).toMatchObject({ cancelEvent: {} });
    expect(stderr).toBe('');
    const resources = Object.keys(JSON.parse(readFileSync(f.statePath, 'utf8')).stacks[STACK].resources);
    expect(resources).toContain(urn(ACL, 'tailnet-acl'));
    expect(resources).not.toContain(urn(KEY, 'key'));
  });

  it('terminates at once on a second SIGINT', async ({ expect }) => {
    const f = fixture();
    const child = spawn(PULUMI, ['up', '--yes', '--skip-preview', '-s', STACK], {
      cwd: f.dir,
      env: f.env({ PULUMI_EMULATOR_STEP_DELAY_MS: '5000', PULUMI_EMULATOR_LEGACY_EXIT: '1' }),
    });
    let stdout = '';
    let sentAt = 0;
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!sentAt && stdout.includes('creating')) {
        sentAt = Date.now();
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGINT'), 50);
      }
    });
    expect(await done).toBe(255);
    // The in-flight operation takes 5 s; terminating must not wait for it.
    expect(Date.now() - sentAt).toBeLessThan(4000);
    expect(stdout).toContain('^C received; terminating');
  });
});

describe.concurrent('pulumi emulator: fault knobs', () => {
  it('FAIL prints the error and exits with the given code, only on FAIL_ON', async ({ expect }) => {
    const f = fixture();
    const r = await f.run(['preview', '-s', STACK], { PULUMI_EMULATOR_FAIL: 'exit:42:backend exploded' });
    expect(r.code).toBe(42);
    expect(r.stderr).toBe('error: backend exploded\n');
    expect((await f.run(['preview', '-s', STACK], { PULUMI_EMULATOR_FAIL: 'exit:42:x', PULUMI_EMULATOR_FAIL_ON: 'up' })).code).toBe(0);
  });

  it('EMPTY prints nothing; MALFORMED prints unparseable JSON; both exit 0', async ({ expect }) => {
    const f = fixture();
    const empty = await f.run(['preview', '--json', '-s', STACK], { PULUMI_EMULATOR_EMPTY: '1' });
    expect(empty).toMatchObject({ code: 0, stdout: '' });
    const bad = await f.run(['preview', '--json', '-s', STACK], { PULUMI_EMULATOR_MALFORMED: '1' });
    expect(bad.code).toBe(0);
    expect(bad.stdout.length).toBeGreaterThan(10);
    expect(() => JSON.parse(bad.stdout)).toThrow();
  });

  it('PRINT_ENV puts values in diagnostics and on stderr; DIAGNOSTIC error fails the preview', async ({ expect }) => {
    const f = fixture();
    const r = await f.run(['preview', '--json', '-s', STACK], { PULUMI_EMULATOR_PRINT_ENV: 'LEAKY', LEAKY: 'shh-123' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics).toContainEqual(expect.objectContaining({ severity: 'info', message: 'LEAKY=shh-123\n' }));
    expect(r.stderr).toContain('LEAKY=shh-123');
    const err = await f.run(['preview', '--json', '-s', STACK], { PULUMI_EMULATOR_DIAGNOSTIC: 'error:program broke' });
    expect(err.code).toBe(1);
    expect(JSON.parse(err.stdout).diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', message: 'program broke\n' }));
  });

  it('KILL_SELF dies by the signal; HANG cancels on SIGTERM with 8', async ({ expect }) => {
    const f = fixture();
    const killed = await f.run(['preview', '--json', '-s', STACK], { PULUMI_EMULATOR_KILL_SELF: 'SIGKILL' });
    expect(killed.signal).toBe('SIGKILL');
    const child = spawn(PULUMI, ['preview', '--json', '-s', STACK], {
      cwd: f.dir,
      env: f.env({ PULUMI_EMULATOR_HANG: '1', PULUMI_EMULATOR_STDERR: 'ready' }),
    });
    let stderr = '';
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.stderr.on('data', (d) => {
      if (stderr === '') child.kill('SIGTERM');
      stderr += d;
    });
    expect(await done).toBe(8);
    expect(stderr).toBe('ready\nerror: preview cancelled\n');
  });

  it('GENERATE=N plans N synthetic creates', async ({ expect }) => {
    const f = fixture();
    const r = await f.run(['preview', '--json', '-s', STACK], { PULUMI_EMULATOR_GENERATE: '250' });
    const doc = JSON.parse(r.stdout);
    expect(doc.changeSummary).toEqual({ same: 1, create: 250 });
    expect(JSON.parse(readFileSync(f.statePath, 'utf8')).stacks[STACK].resources).toEqual({});
  });
});

describe.concurrent('pulumi emulator: as the real pulumi 3.260 behaved', () => {
  it('has a stack only once the backend does: a Pulumi.<stack>.yaml alone answers "no stack named" (exit 6)', async ({ expect }) => {
    const f = fixture();
    writeFileSync(f.statePath, JSON.stringify({ version: 1, stacks: {} }));
    const missing = await f.run(['preview', '--json', '-s', STACK]);
    expect(missing.code).toBe(6);
    expect(missing.stderr).toBe(`error: no stack named '${STACK}' found\n`);
    expect((await f.run(['stack', 'init', STACK])).code).toBe(0);
    expect((await f.run(['preview', '--json', '-s', STACK])).code).toBe(0);
  });

  it('config set --secret stores an encoded value, never the plain one, and the digest shows [secret]', async ({ expect }) => {
    const f = fixture();
    expect((await f.run(['config', 'set', '--secret', 'apiKey', 'hunter2', '-s', STACK])).code).toBe(0);
    const file = readFileSync(join(f.dir, `Pulumi.${STACK}.yaml`), 'utf8');
    expect(file).toContain(`${PROJECT}:apiKey:`);
    expect(file).toContain('secure: v1:');
    expect(file).not.toContain('hunter2');
    const digest = JSON.parse((await f.run(['preview', '--json', '-s', STACK])).stdout);
    expect(digest.config[`${PROJECT}:apiKey`]).toBe('[secret]');
  });

  it('--target changes only the targeted resource; the rest of the plan is same', async ({ expect }) => {
    const f = fixture();
    const r = await f.run(['up', '--yes', '--skip-preview', '--json', '-s', STACK, '--target', urn(ACL, 'tailnet-acl')]);
    expect(r.code).toBe(0);
    expect(Object.keys(f.state().stacks[STACK].resources)).toEqual(expect.arrayContaining([urn(ACL, 'tailnet-acl')]));
    expect(Object.keys(f.state().stacks[STACK].resources)).not.toContain(urn(DNS, 'dns-ns'));
    expect(lines(r.stdout).at(-2)!.summaryEvent.resourceChanges).toMatchObject({ create: 1 });
  });

  it('up takes the stack lock; a second up meanwhile fails like pulumi (exit 1), preview does not wait', async ({ expect }) => {
    const f = fixture();
    const lockDir = join(dirname(f.statePath), '.pulumi', 'locks', 'organization', PROJECT, STACK);
    mkdirSync(lockDir, { recursive: true });
    writeFileSync(join(lockDir, 'held.json'), JSON.stringify({ pid: 4242, username: 'erich', hostname: 'indri', timestamp: '2026-01-01T00:00:00Z' }));
    const up = await f.upAll();
    expect(up.code).toBe(1);
    expect(up.stderr).toContain('error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.');
    expect(up.stderr).toContain('held.json: created by erich@indri (pid 4242) at 2026-01-01T00:00:00Z');
    expect((await f.run(['preview', '--json', '-s', STACK])).code).toBe(0);
  });

  it('RESOURCE_FAIL=name=message fails with the provider message given', async ({ expect }) => {
    const f = fixture();
    const r = await f.upAll({ PULUMI_EMULATOR_RESOURCE_FAIL: 'dns-ns=nameserver 1.1.1.1 refused' });
    expect(r.code).toBe(1);
    expect(lines(r.stdout).some((e) => e.diagnosticEvent?.message === 'nameserver 1.1.1.1 refused\n')).toBe(true);
  });
});
