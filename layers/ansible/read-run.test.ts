/**
 * Property and fuzz tests of reading an ansible run: whatever ansible-playbook printed — cut at any
 * byte, garbled, foreign, huge — with whatever exit code, the result is a Plan / ApplyResult or a
 * BlumeopsError that names the run log, never an internal error. Bounded: well under 5 s.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlumeopsError, InterruptedError } from '../../src/errors.js';
import type { ToolResult } from '../../src/reconciler.js';
import { fixture } from './__fixtures__/load.js';
import { applyOfRun, planOfRun } from './read-run.js';
import { readPlanData } from './results.js';

const LOG = '/logs/run-42/indri.log';
const REAL = ['check-changes', 'apply', 'check-command', 'failed', 'unreachable', 'same-name'].map((name) => fixture(`${name}.jsonl`));
const STDERR = ['syntax-error', 'no-hosts', 'bad-options'].map((name) => fixture(`${name}.stderr.txt`));
const EXIT_CODES = [0, 1, 2, 4, 99, 5, 250];

/** Runs both readers; returns what each threw (undefined when it returned). */
function read(result: ToolResult): unknown[] {
  const thrown: unknown[] = [];
  let data: unknown;
  try {
    data = planOfRun(result, '/TMP/work').data;
  } catch (error) {
    thrown.push(error);
  }
  try {
    applyOfRun(result, '/TMP/work', readPlanData(data));
  } catch (error) {
    thrown.push(error);
  }
  return thrown;
}

function expectUserErrors(thrown: unknown[]): void {
  for (const error of thrown) {
    expect(error, String((error as Error)?.stack)).toBeInstanceOf(BlumeopsError);
    if (error instanceof InterruptedError) continue;
    const text = `${(error as BlumeopsError).message}\n${(error as BlumeopsError).hint ?? ''}`;
    expect(text).toContain(LOG);
  }
}

/** Real output cut at a random byte, with random bytes spliced in at random places. */
const garbledOutput = fc
  .tuple(fc.constantFrom(...REAL), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 40 })), { maxLength: 5 }))
  .map(([text, cut, splices]) => {
    let out = text.slice(0, text.length === 0 ? 0 : cut % (text.length + 1));
    for (const [at, junk] of splices) {
      const index = out.length === 0 ? 0 : at % out.length;
      out = out.slice(0, index) + junk + out.slice(index);
    }
    return out;
  });

/** Lines that look like events: tagged JSON with random (often wrong-typed) fields. */
const eventish = fc
  .array(
    fc.record({
      blumeops: fc.constantFrom(1, 2, '1'),
      event: fc.constantFrom('result', 'diff', 'stats', 'task_start', 'play_start', 'item', 'no_hosts_matched', 'later'),
      host: fc.oneof(fc.string(), fc.integer()),
      task: fc.string(),
      uuid: fc.string({ maxLength: 4 }),
      status: fc.constantFrom('ok', 'changed', 'failed', 'skipped', 'unreachable', 'weird'),
      changed: fc.boolean(),
      hosts: fc.dictionary(fc.string({ maxLength: 5 }), fc.anything(), { maxKeys: 3 }),
      diff: fc.array(fc.anything(), { maxLength: 2 }),
      rendered: fc.oneof(fc.string(), fc.constant(null)),
    }, { requiredKeys: ['blumeops', 'event'] }),
    { maxLength: 30 },
  )
  .map((events) => events.map((event) => JSON.stringify(event)).join('\n'));

describe('reading any ansible output', () => {
  it('real output cut and garbled, with any exit code: a result or a BlumeopsError naming the log', () => {
    fc.assert(
      fc.property(garbledOutput, fc.constantFrom(...EXIT_CODES), fc.constantFrom('', ...STDERR), (stdout, exitCode, stderr) => {
        expectUserErrors(read({ command: 'ansible-playbook', logPath: LOG, exitCode, stdout, stderr }));
      }),
      { numRuns: 150 },
    );
  });

  it('event-shaped lines with wrong fields: the same', () => {
    fc.assert(
      fc.property(eventish, fc.constantFrom(...EXIT_CODES), fc.string({ maxLength: 200 }), (stdout, exitCode, stderr) => {
        expectUserErrors(read({ command: 'ansible-playbook', logPath: LOG, exitCode, stdout, stderr }));
      }),
      { numRuns: 150 },
    );
  });

  it('output cut before the recap at exit 0 is an error naming the log, not a quiet "in sync"', () => {
    const text = fixture('check-changes.jsonl');
    const cut = text.slice(0, text.indexOf('"event":"stats"') - 14);
    const thrown = read({ command: 'ansible-playbook', logPath: LOG, exitCode: 0, stdout: cut, stderr: '' });
    expect(thrown).toHaveLength(2);
    expect((thrown[0] as Error).message).toContain('ended before the recap');
    expectUserErrors(thrown);
  });

  it('huge output: 10,000 changed tasks and a 1 MB stray line are read; the stray line is cut in the warning', () => {
    const lines: string[] = ['x'.repeat(1024 * 1024)];
    for (let index = 0; index < 10_000; index++) {
      lines.push(JSON.stringify({ blumeops: 1, event: 'result', status: 'changed', host: 'indri', task: `task ${index % 100}`, action: 'ansible.builtin.copy', uuid: String(index), changed: true }));
    }
    lines.push(JSON.stringify({ blumeops: 1, event: 'stats', hosts: { indri: { ok: 10_000, changed: 10_000, failures: 0, unreachable: 0, skipped: 0 } } }));
    const plan = planOfRun({ command: 'ansible-playbook', logPath: LOG, exitCode: 0, stdout: lines.join('\n'), stderr: '' }, '/TMP/work');
    expect(plan.changes).toHaveLength(10_000);
    expect(new Set(plan.changes.map((change) => change.target)).size).toBe(10_000);
    expect(plan.warnings).toEqual([`${'x'.repeat(300)}… (1048576 characters)`]);
  });
});
