/**
 * Property tests: whatever pulumi prints — its recorded outputs cut at any byte, garbled, reshaped
 * into odd JSON, random, huge, and the `up` stream split at any chunk boundaries the way the exec
 * gateway receives it — the pulumi kind answers with a result or a BlumeopsError (shown with the
 * layer's run log), never a TypeError or RangeError that would surface as an "internal error".
 * Hangs and quadratic slowdowns show as the huge inputs' time budgets. Bounded: a few seconds.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlumeopsError } from '../../src/errors.js';
import { LineSplitter } from '../../src/exec/redact.js';
import type { Plan, Run, ToolResult } from '../../src/reconciler.js';
import { applyPulumi } from './apply.js';
import { finishUpStream, parsePreview, parseUpEvents, readUpLine, startUpStream, type UpOutcome } from './parse.js';
import { planPulumi } from './plan.js';
import { replaceSomewhere } from '../../tests/helpers/fuzz.js';
import { fixture, LOG, pulumiContext } from './__fixtures__/test-context.js';

const RUNS = { numRuns: 100 };
/** Captures of the real pulumi 3.260 first, then the hand-written samples (see __fixtures__/README.md). */
const PREVIEWS = [
  'real/preview-create.json',
  'real/preview-drift.json',
  'real/preview-in-sync.json',
  'real/preview-update.json',
  'real/expect-no-changes.json',
  'preview-changes.json',
  'preview-error.json',
  'preview-replacement-steps.json',
  'preview-secret.json',
  'preview-same.json',
].map(fixture);
const UPS = [
  'real/up-create.jsonl',
  'real/up-interrupted.jsonl',
  'real/up-provider-fails.jsonl',
  'real/up-target.jsonl',
  'up-success.jsonl',
  'up-failure.jsonl',
  'up-cancel.jsonl',
  'up-after-preview.txt',
].map(fixture);
const STDERRS = ['', ...['locked', 'no-stack', 'expect-no-changes'].map((name) => fixture(`real/${name}.stderr.txt`)), 'error: update canceled\n'];
const EXIT_CODES = [0, 0, 1, 2, 6, 7, 8, 255];
const URN = 'urn:pulumi:tail8d86e::blumeops-tailnet::pulumi-python:dynamic/tailnet:DeviceTags::indri-tags';

/** One of the texts cut at any point, with up to 8 spans overwritten, or random text or JSON. */
function garbled(texts: readonly string[]): fc.Arbitrary<string> {
  const text = fc.constantFrom(...texts);
  const cut = fc.tuple(text, fc.nat()).map(([whole, end]) => whole.slice(0, end % (whole.length + 1)));
  const flipped = fc.tuple(text, fc.array(fc.tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 4 })), { maxLength: 8 })).map(([whole, edits]) => {
    let out = whole;
    for (const [at, chars] of edits) {
      const index = at % (out.length + 1);
      out = out.slice(0, index) + chars + out.slice(index + chars.length);
    }
    return out;
  });
  return fc.oneof(cut, flipped, fc.string({ unit: 'binary', maxLength: 400 }), fc.jsonValue().map((value) => JSON.stringify(value)));
}

/** A valid preview document with one value somewhere replaced by arbitrary JSON: valid JSON, odd shapes. */
const reshapedPreview = fc.tuple(fc.constantFrom(...PREVIEWS), fc.nat(), fc.jsonValue()).map(([text, seed, value]) => {
  const document = JSON.parse(text) as unknown;
  replaceSomewhere(document, seed, value);
  return JSON.stringify(document, null, 4);
});

/** An up stream with a few of its event lines reshaped the same way. */
const reshapedUp = fc.tuple(fc.constantFrom(...UPS.slice(0, -1)), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.jsonValue()), { minLength: 1, maxLength: 4 })).map(([text, edits]) => {
  const lines = text.split('\n');
  for (const [lineSeed, seed, value] of edits) {
    const index = lineSeed % lines.length;
    if (!lines[index].startsWith('{')) continue;
    const event = JSON.parse(lines[index]) as unknown;
    replaceSomewhere(event, seed, value);
    lines[index] = JSON.stringify(event);
  }
  return lines.join('\n');
});

const preview = fc.oneof(garbled(PREVIEWS), reshapedPreview);
const upStream = fc.oneof(garbled(UPS), reshapedUp);

/** Chunk boundaries: where the pipe happens to split the output (sorted offsets, any count). */
const cuts = fc.array(fc.nat(), { maxLength: 40 });

/** What apply does with a live pulumi: the gateway's LineSplitter on each chunk, readUpLine on each line. */
function readChunked(text: string, offsets: readonly number[]): UpOutcome {
  const stream = startUpStream();
  feedLines(text, offsets, (line) => readUpLine(stream, line));
  return finishUpStream(stream);
}

/** Feeds `text` cut at `offsets` through the gateway's LineSplitter, as a tool's output arrives. */
function feedLines(text: string, offsets: readonly number[], onLine: (line: string) => void): void {
  const lines = new LineSplitter((block) => {
    for (const line of block.split('\n')) onLine(line);
  });
  let at = 0;
  for (const offset of [...offsets].map((value) => value % (text.length + 1)).sort((a, b) => a - b)) {
    lines.push(text.slice(at, offset));
    at = offset;
  }
  lines.push(text.slice(at));
  lines.end();
}

/** Runs `read`; returns its result, or rethrows anything that is not a BlumeopsError. */
function resultOrBlumeopsError<T>(read: () => T): T | BlumeopsError {
  try {
    return read();
  } catch (error) {
    if (error instanceof BlumeopsError) return error;
    throw error;
  }
}

describe('parsers never throw anything but a BlumeopsError', () => {
  it('pulumi preview --json: a plan, or an error saying the output is not a preview document', () => {
    fc.assert(
      fc.property(preview, (stdout) => {
        const parsed = resultOrBlumeopsError(() => parsePreview(stdout));
        if (parsed instanceof BlumeopsError) return;
        expect(Array.isArray(parsed.plan.changes)).toBe(true);
        for (const change of parsed.plan.changes) expect(typeof change.summary).toBe('string');
        expect(parsed.errors.every((error) => typeof error === 'string')).toBe(true);
      }),
      RUNS,
    );
  });

  it('pulumi up --json in chunks split anywhere: the same outcome as read whole', () => {
    fc.assert(
      fc.property(upStream, cuts, (stdout, offsets) => {
        const whole = resultOrBlumeopsError(() => parseUpEvents(stdout));
        const chunked = resultOrBlumeopsError(() => readChunked(stdout, offsets));
        expect(chunked).toEqual(whole);
      }),
      RUNS,
    );
  });

  it('a real capture in chunks split anywhere reads exactly as the capture whole', () => {
    fc.assert(
      fc.property(fc.constantFrom(...UPS), cuts, (stdout, offsets) => {
        const whole = parseUpEvents(stdout);
        expect(whole.summary ?? whole.ended).toBeTruthy();
        expect(readChunked(stdout, offsets)).toEqual(whole);
      }),
      { numRuns: 50 },
    );
  });
});

describe('plan and apply on whatever pulumi prints, with any exit code', () => {
  let repo: string;
  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'blumeops-pulumi-fuzz-'));
    mkdirSync(path.join(repo, 'pulumi', 'tailscale'), { recursive: true });
    writeFileSync(path.join(repo, 'pulumi', 'tailscale', 'Pulumi.yaml'), 'name: blumeops-tailnet\nruntime: nodejs\n');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  /** A fake gateway: stdout goes through the LineSplitter in the given chunks, as src/exec does. */
  function streaming(result: Omit<ToolResult, 'command' | 'logPath'>, offsets: readonly number[]): Run {
    return async (tool, args, options) => {
      if (options?.onLine) feedLines(result.stdout, offsets, (line) => options.onLine?.(line, 'stdout'));
      return { command: [tool, ...args].join(' '), logPath: LOG, ...result };
    };
  }

  const PLAN: Plan = { changes: [{ action: 'update', target: URN, summary: 'pulumi-python:dynamic/tailnet:DeviceTags indri-tags: tags' }], warnings: [] };

  it('plan: a Plan or a BlumeopsError', async () => {
    await fc.assert(
      fc.asyncProperty(preview, fc.constantFrom(...EXIT_CODES), fc.oneof(fc.constantFrom(...STDERRS), fc.string({ maxLength: 200 })), async (stdout, exitCode, stderr) => {
        const { ctx } = pulumiContext(repo, streaming({ exitCode, stdout, stderr }, []));
        await planPulumi(ctx).then(
          (plan) => expect(Array.isArray(plan.changes)).toBe(true),
          (error: unknown) => expect(error, String((error as Error)?.stack)).toBeInstanceOf(BlumeopsError),
        );
      }),
      RUNS,
    );
  });

  it('apply: an ApplyResult or a BlumeopsError, the stream split anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(upStream, cuts, fc.constantFrom(...EXIT_CODES), fc.constantFrom(...STDERRS), async (stdout, offsets, exitCode, stderr) => {
        const { ctx } = pulumiContext(repo, streaming({ exitCode, stdout, stderr }, offsets));
        await applyPulumi(ctx, PLAN).then(
          (result) => expect(Array.isArray(result.changes)).toBe(true),
          (error: unknown) => expect(error, String((error as Error)?.stack)).toBeInstanceOf(BlumeopsError),
        );
      }),
      RUNS,
    );
  });
});

/** A JSON array nested `depth` deep, built as text: JSON.stringify of it would itself overflow. */
function nested(depth: number): string {
  return `${'['.repeat(depth)}"tag:deep"${']'.repeat(depth)}`;
}

function timed<T>(read: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = read();
  return { value, ms: performance.now() - started };
}

describe('huge output', () => {
  const steps = (JSON.parse(fixture('preview-changes.json')) as { steps: { urn: string }[] }).steps;
  const event = UPS[0].split('\n').find((line) => line.includes('"resOutputsEvent"') && line.includes('"op":"create"') && line.includes('DeviceTags::indri-tags'))!;

  it('a preview of 5,000 steps', () => {
    const many = Array.from({ length: 5_000 }, (_, index) => ({ ...steps[index % steps.length], urn: `${steps[index % steps.length].urn}-${index}` }));
    const { value, ms } = timed(() => parsePreview(JSON.stringify({ steps: many }, null, 4)));
    expect(value.plan.changes.length).toBeGreaterThan(2_000);
    expect(ms).toBeLessThan(3_000);
  });

  it('an up stream of 20,000 events in 64 KB chunks', () => {
    const lines = Array.from({ length: 20_000 }, (_, index) => event.replaceAll('indri-tags', `device-${index}`));
    const text = `${lines.join('\n')}\n{"sequence":1,"cancelEvent":{}}\n`;
    const offsets = Array.from({ length: Math.ceil(text.length / 65_536) }, (_, index) => index * 65_536);
    const { value, ms } = timed(() => readChunked(text, offsets));
    expect(value.changes).toHaveLength(20_000);
    expect(value.ended).toBe(true);
    expect(ms).toBeLessThan(3_000);
  });

  it('a 16 MB line without a newline, in 64 KB chunks: read in linear time, quoted cut short', () => {
    // The gateway's LineSplitter used to rescan the whole pending line at every chunk: this took
    // about 14 s (32 MB: 52 s) before it searched only the new chunk.
    const line = 'x'.repeat(16 * 1024 * 1024);
    const offsets = Array.from({ length: line.length / 65_536 }, (_, index) => index * 65_536);
    const { value, ms } = timed(() => readChunked(line, offsets));
    expect(ms).toBeLessThan(2_000);
    expect(value.warnings).toEqual([`pulumi printed a line that is not a JSON event: ${'x'.repeat(300)}… (16777216 characters)`]);
  });

  it('100,000 nested brackets, as a document and as an event line', () => {
    expect(() => parsePreview('{'.repeat(100_000))).toThrow(BlumeopsError);
    expect(parseUpEvents(`${'{'.repeat(100_000)}\n${'['.repeat(100_000)}`).warnings).toHaveLength(2);
  });
});

describe('bugs found while writing these tests (kept as examples)', () => {
  it('inputs nested deeper than JSON.stringify can recurse: the change is shown, not a RangeError', () => {
    const document = JSON.stringify({
      steps: [{ op: 'update', urn: URN, oldState: { inputs: { tags: ['tag:server'] } }, newState: { inputs: { tags: 'DEEP' } } }],
    }).replace('"DEEP"', nested(100_000));
    const { plan } = parsePreview(document);
    expect(plan.changes).toMatchObject([{ action: 'update', summary: 'pulumi-python:dynamic/tailnet:DeviceTags indri-tags: tags' }]);
    expect(plan.changes[0].diff).toBe('tags:\n- ["tag:server"]\n+ (nested too deeply to show)');

    const line = JSON.stringify({ resOutputsEvent: { metadata: { op: 'update', urn: URN, old: { inputs: { tags: [] } }, new: { inputs: { tags: 'DEEP' } } } } }).replace('"DEEP"', nested(100_000));
    expect(parseUpEvents(line).changes).toHaveLength(1);
  });

  it("a property named like an Object method (toString) is not read from Object's prototype", () => {
    const document = JSON.stringify({
      steps: [{ op: 'update', urn: URN, oldState: { inputs: {} }, newState: { inputs: { toString: 'on' } }, detailedDiff: { toString: { kind: 'add' } } }],
    });
    expect(parsePreview(document).plan.changes[0].diff).toBe('toString:\n+ "on"');
  });

  it('a property named like an Object method is not drift when the old outputs lack it', () => {
    // No detailedDiff (a dynamic provider): blumeops infers the properties from inputs vs outputs.
    const document = JSON.stringify({
      steps: [{ op: 'update', urn: URN, oldState: { inputs: { constructor: 1 }, outputs: {} }, newState: { inputs: { constructor: 1 } } }],
    });
    expect(parsePreview(document).plan.changes[0].summary).toBe('pulumi-python:dynamic/tailnet:DeviceTags indri-tags');
  });
});
