// `pulumi up` and `pulumi refresh` (without --preview-only): the optional preview
// phase, then the update phase as engine events (--json) or the human display.

import { applySteps, overlayRefreshed } from './apply.mjs';
import { changeSummary, hasChanges, planSteps, refreshSteps, targetSteps } from './diff.mjs';
import { EventSink, diagnosticPayload } from './events.mjs';
import { driftKnob, knobOn, malformed } from './knobs.mjs';
import { printPreview, runPreview, writePreviewEvents } from './preview.mjs';
import { diagnosticsBlock, resourcesSummary } from './render.mjs';
import { PulumiError, cancellationScope, err, exitCodeFor, exitProcess, isInteractive, isLegacy, out } from './runtime.mjs';
import { knobDiagnostics, loadStackContext, preambleFaults, refreshWanted } from './context.mjs';
import { acquireLock } from './lock.mjs';

const NEED_YES = '--yes or --skip-preview or --preview-only must be passed in to proceed when running in non-interactive mode';

function confirm(question) {
  out(`${question} [yes/no]: `);
  return new Promise((resolve) => {
    let buf = '';
    process.stdin.setEncoding('utf8');
    const onData = (d) => {
      buf += d;
      const i = buf.indexOf('\n');
      if (i === -1) return;
      process.stdin.off('data', onData);
      process.stdin.pause();
      resolve(/^y(es)?$/i.test(buf.slice(0, i).trim()));
    };
    process.stdin.on('data', onData);
    process.stdin.on('end', () => resolve(false));
  });
}

function outputsBlock(outputs) {
  const entries = Object.entries(outputs ?? {});
  if (!entries.length) return '';
  const width = Math.max(...entries.map(([k]) => k.length));
  const lines = entries.map(([k, v]) => `    ${`${k}:`.padEnd(width + 1)} ${JSON.stringify(v && typeof v === 'object' && 'fn::secret' in v ? '[secret]' : v)}`);
  return `Outputs:\n${lines.join('\n')}\n\n`;
}

/** `up` (kind 'update') or `refresh` (kind 'refresh'). */
export async function runApply(cmd, kind) {
  const f = cmd.flags;
  const json = Boolean(f.json);
  const word = kind === 'refresh' ? 'refresh' : 'update';
  if (kind === 'refresh' && f['preview-only']) {
    if (f.yes) throw new PulumiError('invocation', '--yes and --preview-only cannot be used together');
    return runPreview(cmd, { refresh: true });
  }
  const interactive = isInteractive(f);
  // PULUMI_SKIP_CONFIRMATIONS=true behaves like --yes.
  if (process.env.PULUMI_SKIP_CONFIRMATIONS === 'true' || process.env.PULUMI_SKIP_CONFIRMATIONS === '1') f.yes = true;
  if (!interactive && !f.yes && !f['skip-preview']) throw new PulumiError('invocation', NEED_YES);

  const run = { sink: null, stashed: [] };
  const scope = cancellationScope({
    isPreview: false,
    say: (m) => {
      if (!json) out(m);
      else if (run.sink) run.sink.emit('stdoutEvent', { message: m, color: 'never' });
      else run.stashed.push(m);
    },
  });
  const startedMs = Date.now();
  const startedNs = process.hrtime.bigint();
  const openSink = () => {
    run.sink ??= new EventSink({ json, eventLog: f['event-log'] });
    for (const m of run.stashed.splice(0)) run.sink.emit('stdoutEvent', { message: m, color: 'never' });
    return run.sink;
  };
  const finish = (result) => {
    const sink = openSink();
    // pulumi 3.260 in --json mode closes a cancelled update with an `update canceled` error
    // diagnostic, result `failed` and exit 1, and says nothing on stderr.
    const jsonCancel = json && result.cancelled && !isLegacy();
    if (jsonCancel) sink.emit('diagnosticEvent', { prefix: 'error: ', message: `${word} canceled\n`, color: 'never', severity: 'error' });
    const outcome = result.cancelled && !jsonCancel ? 'canceled' : result.failed || jsonCancel ? 'failed' : 'succeeded';
    const durationSeconds = Math.round((Date.now() - startedMs) / 1000);
    sink.emit('summaryEvent', { maybeCorrupt: false, durationSeconds, resourceChanges: result.done, PolicyPacks: {}, isPreview: false, result: outcome });
    sink.emit('cancelEvent', {});
    sink.close();
    if (!json) {
      let text = `\n${diagnosticsBlock(result.diagnostics, result.ctx)}`;
      if (kind === 'update' && !f['suppress-outputs']) text += outputsBlock(result.outputs);
      text += `${resourcesSummary(result.done, false)}\nDuration: ${durationSeconds}s\n\n`;
      out(text);
    }
    if (jsonCancel) return exitProcess(exitCodeFor('generic'));
    if (result.cancelled) return failWith('cancelled', `${word} cancelled`);
    if (result.failed) return failWith('generic', `${word} failed`);
    if (f['expect-no-changes'] && hasChanges(result.done)) return failWith('changes', 'no changes were expected but changes occurred');
    return exitProcess(0);
  };

  const pre = await preambleFaults(cmd, scope, (fail) => {
    if (!json) return out(`${kind === 'refresh' ? 'Refreshing' : 'Updating'} (${f.stack || 'dev'}):\n\n`);
    const sink = openSink();
    sink.emit('preludeEvent', { config: {} });
    sink.emit('diagnosticEvent', { message: `${fail.message}\n`, color: 'never', severity: 'error' });
    sink.emit('cancelEvent', {});
  });
  if (pre === 'cancelled') return finish({ done: {}, cancelled: true, diagnostics: [], ctx: { stack: f.stack || 'dev', project: 'project' } });

  const sc = await loadStackContext(cmd);
  acquireLock(sc.statePath, sc.ctx.project, sc.ctx.stack);
  const entry = structuredClone(sc.state.stacks[sc.ctx.stack] ?? { resources: {} });
  const drifts = driftKnob(cmd.path);
  let steps;
  if (kind === 'refresh') {
    steps = refreshSteps({ ...sc.ctx, live: sc.live, drifts }).steps;
  } else {
    let live = sc.live;
    if (refreshWanted(f.refresh)) {
      live = refreshSteps({ ...sc.ctx, live, drifts }).refreshed;
      overlayRefreshed(entry, sc.live, live);
    }
    steps = targetSteps(planSteps({ ...sc.ctx, desired: sc.program.resources, live }), f.target);
  }
  const diagnostics = knobDiagnostics(cmd, sc.ctx);

  if (!f['skip-preview']) {
    const header = kind === 'refresh' ? 'Previewing refresh' : 'Previewing update';
    if (!(await printPreview(cmd, sc, steps, diagnostics, startedNs, header))) return exitProcess(0);
    if (f['event-log']) writePreviewEvents(f['event-log'], sc, steps, diagnostics, changeSummary(steps));
    if (interactive && !f.yes && !(await confirm(`Do you want to perform this ${word}?`))) {
      return failWith('generic', `confirmation declined, not proceeding with the ${word}`);
    }
  }
  if (scope.cancelled) return finish({ done: {}, cancelled: true, diagnostics: [], ctx: sc.ctx });

  if (knobOn('MALFORMED', cmd.path)) {
    const sink = new EventSink({ json: false });
    out(json ? `${sink.emit('preludeEvent', { config: sc.configShown })}${malformed(sink.line('summaryEvent', { maybeCorrupt: false }))}` : `Updating (${sc.ctx.stack}):\n\n +  `);
    return exitProcess(0);
  }
  const sink = openSink();
  sink.emit('preludeEvent', { config: sc.configShown });
  if (!json) out(`${kind === 'refresh' ? 'Refreshing' : 'Updating'} (${sc.ctx.stack}):\n\n    pulumi:pulumi:Stack ${sc.ctx.project}-${sc.ctx.stack}  \n`);
  for (const d of diagnostics) sink.emit('diagnosticEvent', diagnosticPayload(d));
  const programError = diagnostics.some((d) => d.severity === 'error');
  const result = await applySteps({
    cmd, sc, steps, scope, sink, kind, entry,
    outputs: kind === 'update' ? sc.program.outputs : null,
    skipChanges: programError,
  });
  return finish({ ...result, failed: result.failed || programError, diagnostics: [...diagnostics, ...result.diagnostics], ctx: sc.ctx });
}

function failWith(kind, message) {
  err(`error: ${message}\n`);
  return exitProcess(exitCodeFor(kind));
}
