import { describe, expect, it } from 'vitest';
import { capturedRun, fixture } from './__fixtures__/load.js';
import { parseEventLine, readEvents, summarizeRun } from './parse.js';
import { applyFromRun, planFromRun, readPlanData } from './results.js';

const plan = (name: string) => planFromRun(summarizeRun(fixture(`${name}.jsonl`)));

describe('readEvents', () => {
  it('reads every line of a real run as an event', () => {
    const { events, stray } = readEvents(fixture('check-changes.jsonl'));
    expect(stray).toEqual([]);
    expect(events.map((event) => event.event)).toContain('stats');
    expect(events[0]).toMatchObject({ event: 'playbook_start', playbook: 'site.yml' });
  });

  it('keeps stray lines (-v prints "No config file found" on stdout) without breaking', () => {
    const { events, stray } = readEvents(fixture('verbose.jsonl'));
    expect(stray).toEqual(['No config file found; using defaults']);
    expect(events.at(-1)?.event).toBe('stats');
  });

  it('takes an array of lines, and skips broken or foreign JSON', () => {
    const { events, stray } = readEvents(['{not json', '{"event":"stats","hosts":{}}', '', '{"blumeops":1,"event":"later"}', fixture('check-clean.jsonl').split('\n')[0]]);
    expect(stray).toEqual(['{not json', '{"event":"stats","hosts":{}}']);
    expect(events).toHaveLength(1);
  });

  it('parseEventLine ignores non-events', () => {
    expect(parseEventLine('PLAY [all] ****')).toBeUndefined();
    expect(parseEventLine('{"blumeops":1,"event":"no_hosts_matched","play":"x"}')).toMatchObject({ play: 'x' });
  });
});

describe('plan from a check run', () => {
  it('lists each changed task per host with its diff and action', () => {
    const result = plan('check-changes');
    expect(result.incomplete).toBe(false);
    expect(result.warnings).toEqual([]);
    expect(result.changes.map((change) => [change.action, change.target])).toEqual([
      ['update', 'localhost:write app config'],
      ['create', 'localhost:write caddy config'],
      ['create', 'localhost:enable feature'],
      ['create', 'localhost:make data dir'],
      ['delete', 'localhost:remove old config'],
      ['create', 'localhost:write site files'],
      ['update', 'localhost:mark reloaded'],
    ]);
    const [app, caddy] = result.changes;
    expect(app.summary).toBe('localhost: write app config (copy)');
    expect(app.diff).toContain('--- before: /TMP/work/files/app.conf\n+++ after: /TMP/work/files/app.conf\n');
    expect(app.diff).toContain('-port=80\n-mode=dev\n+port=8080\n+mode=prod\n');
    expect(caddy.diff).toContain('+++ after: /TMP/work/files/Caddyfile');
    const loop = result.changes[5];
    expect(loop.diff).toContain('+alpha');
    expect(loop.diff).toContain('+beta');
  });

  it('an idempotent run has no changes', () => {
    const result = plan('check-clean');
    expect(result.changes).toEqual([]);
    expect(result.incomplete).toBe(false);
    expect(result.warnings).toEqual([]);
  });

  it('counts tasks check mode cannot run, and marks the plan incomplete', () => {
    const result = plan('check-command');
    expect(result.changes.map((change) => change.target)).toEqual(['localhost:write marker']);
    expect(result.incomplete).toBe(true);
    expect(result.warnings).toEqual(['3 tasks cannot be predicted in check mode: run migrations, warm caches, raw probe']);
    expect(readPlanData(result.data)?.unpredictable).toEqual(['localhost:run migrations', 'localhost:warm caches', 'localhost:raw probe']);
  });

  it('returns stray stdout lines as warnings', () => {
    expect(plan('verbose').warnings).toContain('No config file found; using defaults');
  });

  it('a run that checked no host is incomplete', () => {
    const result = planFromRun(summarizeRun(['{"blumeops":1,"event":"no_hosts_matched","play":"web"}', '{"blumeops":1,"event":"stats","hosts":{}}']));
    expect(result.incomplete).toBe(true);
    expect(result.warnings).toEqual(['play "web": no hosts matched', 'no host was checked']);
  });
});

describe('failures in the event stream', () => {
  it('collects a failed task with its message, rc and stderr', () => {
    const run = summarizeRun(capturedRun('failed').stdout);
    expect(run.failed).toEqual([
      { host: 'localhost', task: 'install caddy', message: 'non-zero return code', rc: 100, stderr: 'E: Unable to locate package caddy' },
    ]);
    expect(run.outcomes.filter((outcome) => outcome.status === 'changed')).toEqual([]);
  });

  it('collects an unreachable host, and still sees the other host change', () => {
    const run = summarizeRun(capturedRun('unreachable').stdout);
    expect(run.unreachable).toEqual([
      {
        host: 'indri',
        task: 'write caddy config',
        message: 'Failed to connect to the host via ssh: ssh: connect to host 127.0.0.1 port 1: Connection refused',
      },
    ]);
    expect(planFromRun(run).changes.map((change) => change.target)).toEqual(['localhost:write caddy config']);
  });

  it('a failure rescued by a block (exit 0) is a warning in the plan', () => {
    const lines = [
      '{"blumeops":1,"event":"result","status":"failed","host":"localhost","task":"try it","action":"ansible.builtin.command","uuid":"u5","changed":true,"msg":"non-zero return code","rc":1}',
      '{"blumeops":1,"event":"result","status":"ok","host":"localhost","task":"recover","action":"ansible.builtin.debug","uuid":"u6","changed":false,"msg":"recovered"}',
      '{"blumeops":1,"event":"stats","hosts":{"localhost":{"ok":1,"failures":0,"unreachable":0,"changed":0,"skipped":0,"rescued":1,"ignored":0}}}',
    ];
    const result = planFromRun(summarizeRun(lines));
    expect(result.changes).toEqual([]);
    expect(result.warnings).toEqual(['localhost: task "try it" failed (rescued): non-zero return code']);
  });

  it('an ignored failure is a warning', () => {
    const line = JSON.stringify({ blumeops: 1, event: 'result', status: 'failed', host: 'indri', task: 'probe', action: 'command', uuid: 'u', changed: false, msg: 'nope', ignore_errors: true });
    const run = summarizeRun([line]);
    expect(run.failed).toEqual([]);
    expect(run.warnings).toEqual(['indri: task "probe" failed (ignored): nope']);
  });
});

describe('apply result', () => {
  const predicted = plan('check-changes').data;

  it('reports what changed and one recap line per host', () => {
    const result = applyFromRun(summarizeRun(fixture('apply.jsonl')), readPlanData(predicted));
    expect(result.changes).toHaveLength(7);
    expect(result.warnings).toEqual([]);
    expect(result.notes).toEqual(['localhost: ok=7 changed=7 failed=0 unreachable=0 skipped=1']);
  });

  it('an idempotent rerun changes nothing, and says the predicted changes did not happen', () => {
    const result = applyFromRun(summarizeRun(fixture('rerun.jsonl')), readPlanData(predicted));
    expect(result.changes).toEqual([]);
    expect(result.notes).toEqual(['localhost: ok=6 changed=0 failed=0 unreachable=0 skipped=1']);
    expect(result.warnings).toEqual([expect.stringMatching(/^7 predicted changes did not happen: localhost:write app config, /)]);
  });

  it('warns about changes the plan did not predict', () => {
    const data = { checked: true, predicted: ['localhost:write app config'], unpredictable: ['localhost:write caddy config'] };
    const result = applyFromRun(summarizeRun(fixture('apply.jsonl')), data);
    expect(result.warnings).toEqual([expect.stringMatching(/^5 tasks changed that the plan did not predict: localhost:enable feature, /)]);
  });

  it('does not compare with a plan that did not check', () => {
    const result = applyFromRun(summarizeRun(fixture('apply.jsonl')), { checked: false, predicted: [], unpredictable: [] });
    expect(result.warnings).toEqual([]);
  });
});

describe('two tasks with one name', () => {
  it('stay two changes with distinct targets, and apply matches each to its prediction', () => {
    const predicted = plan('same-name');
    expect(predicted.changes.map((change) => change.target)).toEqual(['localhost:write config', 'localhost:write config #2']);
    expect(predicted.changes[1].diff).toContain('b.conf');
    const applied = applyFromRun(summarizeRun(fixture('same-name.jsonl')), readPlanData(predicted.data));
    expect(applied.warnings).toEqual([]);
  });

  it('a missing second task is reported as a predicted change that did not happen', () => {
    const predicted = plan('same-name');
    const lines = fixture('same-name.jsonl').split('\n');
    const second = lines.length - 1 - [...lines].reverse().findIndex((line) => line.includes('"event":"result"'));
    const applied = applyFromRun(summarizeRun(lines.filter((_, index) => index !== second)), readPlanData(predicted.data));
    expect(applied.warnings).toEqual(['1 predicted change did not happen: localhost:write config #2']);
  });
});

describe('stray lines', () => {
  it('become at most 10 warnings, each cut at 300 characters', () => {
    const run = summarizeRun([...Array.from({ length: 12 }, (_, index) => `line ${index}`), 'y'.repeat(400)]);
    expect(run.warnings).toHaveLength(11);
    expect(run.warnings.at(-1)).toBe('… and 3 more lines that were not events (see the run log)');
    expect(summarizeRun('z'.repeat(400)).warnings).toEqual([`${'z'.repeat(300)}… (400 characters)`]);
  });
});
