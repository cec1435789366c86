import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BlumeopsError } from '../../src/errors.js';
import type { Change } from '../../src/reconciler.js';
import { comparePlanned, finishUpStream, NOT_A_DIGEST, parsePreview, parseUpEvents, readUpLine, startUpStream } from './parse.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

const URN = 'urn:pulumi:tail8d86e::blumeops-tailnet::';
const ACL = `${URN}tailscale:index/acl:Acl::tailnet-acl`;
const KEY = `${URN}tailscale:index/tailnetKey:TailnetKey::indri-key`;
const GILBERT = `${URN}tailscale:index/deviceTags:DeviceTags::gilbert-tags`;

function byTarget(changes: Change[], target: string): Change {
  const change = changes.find((candidate) => candidate.target === target);
  if (!change) throw new Error(`no change for ${target}`);
  return change;
}

describe('parsePreview', () => {
  const { plan, errors } = parsePreview(fixture('preview-changes.json'));

  it('turns create, update, delete and replace steps into changes, in order', () => {
    expect(plan.changes.map((change) => change.action)).toEqual(['create', 'update', 'update', 'delete', 'replace', 'create']);
    expect(errors).toEqual([]);
  });

  it('does not count same and read steps', () => {
    expect(plan.changes.some((change) => change.target.endsWith('::blumeops-tailnet-tail8d86e'))).toBe(false);
    expect(plan.changes.some((change) => change.target.includes('DnsPreferences'))).toBe(false);
  });

  it('names create and delete by type and name only', () => {
    expect(byTarget(plan.changes, KEY)).toEqual({ action: 'create', target: KEY, summary: 'tailscale:index/tailnetKey:TailnetKey indri-key' });
    expect(plan.changes[3].summary).toBe('tailscale:index/deviceTags:DeviceTags old-laptop-tags');
    expect(plan.changes[3].diff).toBeUndefined();
  });

  it('takes the type of a component child from the last $ segment', () => {
    expect(plan.changes[5].summary).toBe('tailscale:index/dnsSplitNameservers:DnsSplitNameservers split-home');
  });

  it('names the properties of an update and diffs their values', () => {
    const nameservers = plan.changes[2];
    expect(nameservers.summary).toBe('tailscale:index/dnsNameservers:DnsNameservers nameservers: nameservers[1]');
    expect(nameservers.diff).toBe('nameservers[1]:\n+ "9.9.9.9"');
  });

  it('diffs a multi-line string (a HuJSON ACL) line by line', () => {
    const acl = byTarget(plan.changes, ACL);
    expect(acl.summary).toBe('tailscale:index/acl:Acl tailnet-acl: acl');
    expect(acl.diff).toContain('-     {"src": ["autogroup:member"], "dst": ["tag:server"], "ip": ["443"]},');
    expect(acl.diff).toContain('+     {"src": ["autogroup:member"], "dst": ["tag:server"], "ip": ["443", "22"]},');
    expect(acl.diff).toContain('    "grants": [');
  });

  it('names the replace reasons of a replace', () => {
    const replace = byTarget(plan.changes, GILBERT);
    expect(replace).toMatchObject({ action: 'replace', summary: 'tailscale:index/deviceTags:DeviceTags gilbert-tags: deviceId (replace: deviceId)' });
    expect(replace.diff).toBe('deviceId:\n- "nG1lB3rtCNTRL"\n+ "nR3bu1ltCNTRL"');
  });

  it('keeps warning diagnostics as plan warnings, labelled, and drops info', () => {
    expect(plan.warnings).toEqual([
      'tailscale:index/acl:Acl tailnet-acl: overwriteExistingContent is set: the ACL edited in the admin console will be overwritten',
    ]);
  });

  it('finds no changes when only same steps are there', () => {
    expect(parsePreview(fixture('preview-same.json'))).toEqual({ plan: { changes: [], warnings: [] }, errors: [], changeSummary: { same: 7 } });
  });

  it('folds --show-replacement-steps into one replace per URN', () => {
    const { plan: folded } = parsePreview(fixture('preview-replacement-steps.json'));
    expect(folded.changes).toEqual([
      {
        action: 'replace',
        target: GILBERT,
        summary: 'tailscale:index/deviceTags:DeviceTags gilbert-tags: deviceId (replace: deviceId)',
        diff: 'deviceId:\n- "nG1lB3rtCNTRL"\n+ "nR3bu1ltCNTRL"',
      },
    ]);
  });

  it('keeps secrets masked in the diff', () => {
    const { plan: secret } = parsePreview(fixture('preview-secret.json'));
    expect(secret.changes).toHaveLength(1);
    expect(secret.changes[0].summary).toBe('pulumi:providers:tailscale tailnet: oauthClientSecret');
    expect(secret.changes[0].diff).toBe('oauthClientSecret:\n- [secret]\n+ [secret]');
  });

  it('masks a value carrying pulumi secret signature', () => {
    const digest = {
      steps: [
        {
          op: 'update',
          urn: `${URN}tailscale:index/webhook:Webhook::alerts`,
          oldState: { type: 'tailscale:index/webhook:Webhook', inputs: { endpointUrl: { '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270', plaintext: '"https://old"' } } },
          newState: { type: 'tailscale:index/webhook:Webhook', inputs: { endpointUrl: '[secret]' } },
          detailedDiff: { endpointUrl: { kind: 'update', inputDiff: true } },
        },
      ],
    };
    const { plan: masked } = parsePreview(JSON.stringify(digest, null, 4));
    expect(masked.changes[0].diff).toBe('endpointUrl:\n- [secret]\n+ [secret]');
    expect(masked.changes[0].diff).not.toContain('https://old');
  });

  it('collects error diagnostics, labelled by resource, and ignores debug', () => {
    const failed = parsePreview(fixture('preview-error.json'));
    expect(failed.errors).toHaveLength(2);
    expect(failed.errors[0]).toMatch(/^tailscale:index\/acl:Acl tailnet-acl: .*unknown field "grantz"$/);
    expect(failed.errors[1]).toMatch(/^Running program '.*' failed with an unhandled exception:\nError: Missing required configuration variable/);
    expect(failed.plan.warnings).toEqual([]);
  });

  it('rejects output that is not a digest', () => {
    const truncated = fixture('preview-changes.json').slice(0, 500);
    expect(() => parsePreview(truncated)).toThrow(BlumeopsError);
    expect(() => parsePreview(truncated)).toThrow(NOT_A_DIGEST);
    expect(() => parsePreview('[1, 2]')).toThrow(NOT_A_DIGEST);
    expect(() => parsePreview('{"steps": [{"op": 3}]}')).toThrow(/at steps\.0\.op/);
  });

  it('rejects empty output', () => {
    expect(() => parsePreview('')).toThrow(NOT_A_DIGEST);
    expect(() => parsePreview('\n  \n')).toThrow(BlumeopsError);
  });

  it('tolerates stray lines around the document and fields it does not read', () => {
    const digest = JSON.stringify({ steps: [{ op: 'create', urn: KEY, newState: { type: 'x:y:Z', newField: [1] }, detailedDiff: null, somethingNew: true }], brandNew: {} }, null, 4);
    const { plan: lenient } = parsePreview(`A new version of Pulumi is available.\n${digest}\n`);
    expect(lenient.changes).toEqual([{ action: 'create', target: KEY, summary: 'x:y:Z indri-key' }]);
  });

  it('shows an import as a create, warns about unknown ops, and reads the type from the URN', () => {
    const digest = {
      steps: [
        { op: 'import', urn: ACL, newState: { type: 'tailscale:index/acl:Acl' }, detailedDiff: null },
        { op: 'transmogrify', urn: KEY, detailedDiff: null },
        { op: 'delete', urn: `${URN}blumeops:dns:Zone$tailscale:index/dnsRecord:DnsRecord::home`, detailedDiff: null },
        { op: 'refresh', urn: GILBERT, detailedDiff: null },
        { op: 'discard', urn: GILBERT, detailedDiff: null },
      ],
    };
    const { plan: odd } = parsePreview(JSON.stringify(digest, null, 4));
    expect(odd.changes).toEqual([
      { action: 'create', target: ACL, summary: 'tailscale:index/acl:Acl tailnet-acl (import)' },
      { action: 'delete', target: `${URN}blumeops:dns:Zone$tailscale:index/dnsRecord:DnsRecord::home`, summary: 'tailscale:index/dnsRecord:DnsRecord home' },
    ]);
    expect(odd.warnings).toEqual(['pulumi step "transmogrify" on tailscale:index/tailnetKey:TailnetKey indri-key is unknown to blumeops; not counted as a change']);
  });

  it('falls back to diffReasons when detailedDiff is null', () => {
    const digest = { steps: [{ op: 'update', urn: ACL, oldState: { inputs: { acl: 'a' } }, newState: { inputs: { acl: 'b' } }, diffReasons: ['acl'], detailedDiff: null }] };
    expect(parsePreview(JSON.stringify(digest)).plan.changes[0]).toMatchObject({ summary: 'tailscale:index/acl:Acl tailnet-acl: acl', diff: 'acl:\n- "a"\n+ "b"' });
  });
});

describe('parseUpEvents', () => {
  const ACL_LABEL = 'tailscale:index/acl:Acl tailnet-acl';
  const KEY_LABEL = 'tailscale:index/tailnetKey:TailnetKey indri-key';

  it('reads a successful update: applied changes, warnings, the summary, the end marker', () => {
    const outcome = parseUpEvents(fixture('up-success.jsonl'));
    expect(outcome.changes.map(({ action, target, summary }) => ({ action, target, summary }))).toEqual([
      { action: 'update', target: ACL, summary: `${ACL_LABEL}: acl` },
      { action: 'create', target: KEY, summary: KEY_LABEL },
    ]);
    expect(outcome.changes[0].diff).toContain('+     {"src": ["autogroup:member"], "dst": ["tag:server"], "ip": ["443", "22"]},');
    expect(outcome.warnings).toEqual([`${ACL_LABEL}: overwriteExistingContent is set: the ACL edited in the admin console will be overwritten`]);
    expect(outcome.summary).toEqual({ resourceChanges: { create: 1, same: 3, update: 1 }, result: 'succeeded', durationSeconds: 4 });
    expect(outcome).toMatchObject({ failures: [], errors: [], cancelled: false, ended: true });
  });

  it('returns a notice per resource as lines arrive, and none for unchanged ones', () => {
    const stream = startUpStream();
    const notices = fixture('up-success.jsonl').split('\n').map((line) => readUpLine(stream, line)).filter(Boolean);
    expect(notices).toEqual([
      { type: 'progress', message: `creating ${KEY_LABEL}` },
      { type: 'progress', message: `updating ${ACL_LABEL}` },
      { type: 'info', message: `updated ${ACL_LABEL}` },
      { type: 'info', message: `created ${KEY_LABEL}` },
    ]);
    expect(finishUpStream(stream).changes).toHaveLength(2);
  });

  it('reads a resource failure with its error diagnostic, and keeps what did change', () => {
    const outcome = parseUpEvents(fixture('up-failure.jsonl'));
    expect(outcome.failures).toHaveLength(1);
    expect(outcome.failures[0].target).toBe(ACL);
    expect(outcome.failures[0].message).toMatch(/^could not update tailscale:index\/acl:Acl tailnet-acl: updating urn:.*\n\t\* validating ACL: 400 Bad Request/s);
    expect(outcome.errors).toEqual([]);
    expect(outcome.changes.map((change) => change.target)).toEqual([KEY]);
    expect(outcome.summary?.result).toBe('failed');
    expect(outcome.cancelled).toBe(false);
  });

  it('announces the failure as it happens', () => {
    const stream = startUpStream();
    const notices = fixture('up-failure.jsonl').split('\n').map((line) => readUpLine(stream, line));
    expect(notices).toContainEqual({ type: 'info', message: `failed to update ${ACL_LABEL}` });
  });

  it('reads a cancellation: result canceled and the ^C message', () => {
    const outcome = parseUpEvents(fixture('up-cancel.jsonl'));
    expect(outcome.cancelled).toBe(true);
    expect(outcome.ended).toBe(true);
    expect(outcome.output[0]).toMatch(/^\^C received; cancelling/);
    expect(outcome.changes.map((change) => change.target)).toEqual([KEY]);
  });

  it('sees a cancellation from the ^C message alone (pulumi versions without result)', () => {
    const lines = fixture('up-cancel.jsonl').split('\n').map((line) => line.replace(',"result":"canceled"', ''));
    expect(parseUpEvents(lines).summary?.result).toBeUndefined();
    expect(parseUpEvents(lines).cancelled).toBe(true);
  });

  it('does not take the closing cancelEvent for a cancellation', () => {
    const outcome = parseUpEvents('{"sequence":0,"timestamp":1,"cancelEvent":{}}');
    expect(outcome).toMatchObject({ cancelled: false, ended: true, changes: [] });
  });

  it('skips a pretty preview digest printed before the event stream', () => {
    const outcome = parseUpEvents(fixture('up-after-preview.txt'));
    const plain = parseUpEvents(fixture('up-success.jsonl'));
    expect(outcome).toEqual(plain);
  });

  it('keeps other non-JSON lines as warnings without crashing', () => {
    const lines = ['Updating (tail8d86e):', 'not json {', ...fixture('up-success.jsonl').split('\n')];
    const outcome = parseUpEvents(lines);
    expect(outcome.changes).toHaveLength(2);
    expect(outcome.warnings).toContain('pulumi printed a line that is not a JSON event: Updating (tail8d86e):');
    expect(outcome.warnings).toContain('pulumi printed a line that is not a JSON event: not json {');
  });

  it('folds the steps of a replacement into one replace', () => {
    const meta = (op: string) => ({ op, urn: GILBERT, type: 'tailscale:index/deviceTags:DeviceTags', old: { inputs: { deviceId: 'a' } }, new: op === 'delete-replaced' ? null : { inputs: { deviceId: 'b' } }, keys: ['deviceId'], diffs: ['deviceId'], detailedDiff: { deviceId: { diffKind: 'update-replace', inputDiff: true } } });
    const lines = ['create-replacement', 'replace', 'delete-replaced'].flatMap((op, index) => [
      JSON.stringify({ sequence: index * 2, timestamp: 1, resourcePreEvent: { metadata: meta(op) } }),
      JSON.stringify({ sequence: index * 2 + 1, timestamp: 1, resOutputsEvent: { metadata: meta(op) } }),
    ]);
    expect(parseUpEvents(lines).changes).toEqual([
      { action: 'replace', target: GILBERT, summary: 'tailscale:index/deviceTags:DeviceTags gilbert-tags: deviceId (replace: deviceId)', diff: 'deviceId:\n- "a"\n+ "b"' },
    ]);
  });
});

describe('comparePlanned', () => {
  const create: Change = { action: 'create', target: KEY, summary: 'key' };
  const update: Change = { action: 'update', target: ACL, summary: 'acl' };
  const record = `${URN}tailscale:index/dnsRecord:DnsRecord::home`;

  it('says nothing when the apply matched the plan', () => {
    expect(comparePlanned([create, update], [update, create])).toEqual([]);
  });

  it('names changes that were not in the plan', () => {
    expect(comparePlanned([create, update], [create, update, { action: 'create', target: record, summary: 'r' }])).toEqual([
      'applied 3 changes, planned 2: tailscale:index/dnsRecord:DnsRecord home extra (not in plan)',
    ]);
  });

  it('names planned changes that did not happen and changed actions', () => {
    expect(comparePlanned([create, update], [{ ...update, action: 'replace' }])).toEqual([
      'applied 1 change, planned 2: tailscale:index/acl:Acl tailnet-acl replaced, planned update',
      'applied 1 change, planned 2: tailscale:index/tailnetKey:TailnetKey indri-key not created (planned create, not applied)',
    ]);
  });
});
