/**
 * Live progress from the event lines as they arrive: a transient `TASK (host ok=3 changed=1)` line,
 * and one kept line per task per host that changed or failed.
 */
import type { LayerEvent, ToolOptions } from '../../src/reconciler.js';
import { parseEventLine } from './parse.js';

type OnLine = NonNullable<ToolOptions['onLine']>;

interface Counts {
  ok: number;
  changed: number;
  failed: number;
  skipped: number;
}

/** An onLine for ctx.run; `mode` words the kept lines (`would change` in check mode). */
export function progressReporter(emit: (event: LayerEvent) => void, mode: 'check' | 'apply'): OnLine {
  const hosts = new Map<string, Counts>();
  const changedWord = mode === 'check' ? 'would change' : 'changed';
  return (line, stream) => {
    if (stream !== 'stdout') return;
    const event = parseEventLine(line);
    if (!event) return;
    if (event.event === 'task_start') {
      emit({ type: 'progress', message: event.task });
    } else if (event.event === 'result') {
      const counts = hosts.get(event.host) ?? { ok: 0, changed: 0, failed: 0, skipped: 0 };
      hosts.set(event.host, counts);
      if (event.status === 'ok' || event.status === 'changed') counts.ok += 1;
      if (event.status === 'changed') counts.changed += 1;
      if (event.status === 'failed' || event.status === 'unreachable') counts.failed += 1;
      if (event.status === 'skipped') counts.skipped += 1;
      const failed = counts.failed ? ` failed=${counts.failed}` : '';
      emit({ type: 'progress', message: `${event.task} (${event.host} ok=${counts.ok} changed=${counts.changed}${failed})` });
      if (event.status === 'changed') emit({ type: 'info', message: `${event.host}: ${changedWord}: ${event.task}` });
      if (event.status === 'failed' && !event.ignore_errors) {
        emit({ type: 'info', message: `${event.host}: failed: ${event.task}${event.msg ? `: ${event.msg}` : ''}` });
      }
      if (event.status === 'unreachable') emit({ type: 'info', message: `${event.host}: unreachable: ${event.msg ?? ''}`.trimEnd() });
    }
  };
}
