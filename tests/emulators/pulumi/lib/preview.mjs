// `pulumi preview` and `pulumi refresh --preview-only`: the digest (--json) or the
// human display, --expect-no-changes, and preview events for --event-log.

import { changeSummary, hasChanges, planSteps, refreshSteps, targetSteps } from './diff.mjs';
import { driftKnob, printWithFaults } from './knobs.mjs';
import { digestText, previewText } from './render.mjs';
import { EventSink, diagnosticPayload, stepMetadata } from './events.mjs';
import { cancellationScope, err, exitCodeFor, exitProcess, out } from './runtime.mjs';
import { generateCount, generatedContext, knobDiagnostics, loadStackContext, preambleFaults, refreshWanted } from './context.mjs';

/** Steps shown in the digest: changes, the root stack, and sames with --show-sames. */
export function shownSteps(steps, showSames) {
  return steps.filter((s) => s.op !== 'same' || s.root || showSames);
}

/** Preview events for --event-log (the digest itself is not an event stream). */
export function writePreviewEvents(path, sc, steps, diagnostics, summary) {
  const sink = new EventSink({ json: false, eventLog: path });
  sink.emit('preludeEvent', { config: sc.configShown });
  for (const step of steps) {
    sink.emit('resourcePreEvent', { metadata: stepMetadata(sc.ctx, step, 'pre'), planning: true });
    sink.emit('resOutputsEvent', { metadata: stepMetadata(sc.ctx, step, 'pre'), planning: true });
  }
  for (const d of diagnostics) sink.emit('diagnosticEvent', diagnosticPayload(d));
  sink.emit('summaryEvent', { maybeCorrupt: false, durationSeconds: 0, resourceChanges: summary, PolicyPacks: {}, isPreview: true });
  sink.emit('cancelEvent', {});
  sink.close();
}

/** Print a preview (digest or human text). Returns false when a fault knob ended output. */
export async function printPreview(cmd, sc, steps, diagnostics, started, header) {
  const summary = changeSummary(steps);
  if (cmd.flags.json) {
    const durationNs = Number(process.hrtime.bigint() - started) || 1;
    const doc = { config: sc.configShown, steps: shownSteps(steps, cmd.flags['show-sames']), diagnostics, durationNs, changeSummary: summary };
    return printWithFaults(digestText(doc, sc.ctx), cmd.path);
  }
  const text = previewText({ steps, diagnostics, changeSummary: summary, showSames: cmd.flags['show-sames'], diff: cmd.flags.diff }, sc.ctx, header);
  return printWithFaults(text, cmd.path);
}

function failOutput(cmd, header) {
  return (fail) => {
    if (cmd.flags.json) out(digestText({ steps: [], diagnostics: [{ message: `${fail.message}\n`, severity: 'error' }], durationNs: 1, changeSummary: {} }, {}));
    else out(`${header} (${cmd.flags.stack || 'dev'}):\n\n`);
  };
}

/** `pulumi preview` (refresh = false) or `pulumi refresh --preview-only` (refresh = true). */
export async function runPreview(cmd, { refresh = false } = {}) {
  const json = Boolean(cmd.flags.json);
  const header = refresh ? 'Previewing refresh' : 'Previewing update';
  const stashed = [];
  const scope = cancellationScope({
    isPreview: true,
    say: (m) => (json ? stashed.push({ message: m, severity: 'info' }) : out(m)),
  });
  const started = process.hrtime.bigint();
  const cancelledWord = refresh ? 'refresh cancelled' : 'preview cancelled';
  if ((await preambleFaults(cmd, scope, failOutput(cmd, header))) === 'cancelled') {
    if (json) out(digestText({ steps: [], diagnostics: stashed, durationNs: 1, changeSummary: {} }, {}));
    err(`error: ${cancelledWord}\n`);
    return exitProcess(exitCodeFor('cancelled'));
  }
  const n = refresh ? 0 : generateCount(cmd);
  const sc = n ? generatedContext(cmd, n) : await loadStackContext(cmd);
  let steps;
  if (refresh) {
    steps = refreshSteps({ ...sc.ctx, live: sc.live, drifts: driftKnob(cmd.path) }).steps;
  } else {
    const live = refreshWanted(cmd.flags.refresh) ? refreshSteps({ ...sc.ctx, live: sc.live, drifts: driftKnob(cmd.path) }).refreshed : sc.live;
    steps = targetSteps(planSteps({ ...sc.ctx, desired: sc.program.resources, live }), cmd.flags.target);
  }
  const diagnostics = [...stashed, ...knobDiagnostics(cmd, sc.ctx)];
  if (!(await printPreview(cmd, sc, steps, diagnostics, started, header))) return exitProcess(0);
  const summary = changeSummary(steps);
  if (cmd.flags['event-log']) writePreviewEvents(cmd.flags['event-log'], sc, steps, diagnostics, summary);
  if (diagnostics.some((d) => d.severity === 'error')) {
    err(`error: ${refresh ? 'refresh' : 'preview'} failed\n`);
    return exitProcess(exitCodeFor('generic'));
  }
  if (cmd.flags['expect-no-changes'] && hasChanges(summary)) {
    err('error: no changes were expected for preview but changes were proposed\n');
    return exitProcess(exitCodeFor('changes'));
  }
  return exitProcess(0);
}
