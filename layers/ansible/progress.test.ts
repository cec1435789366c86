import { describe, expect, it } from 'vitest';
import type { LayerEvent } from '../../src/reconciler.js';
import { fixture } from './__fixtures__/load.js';
import { progressReporter } from './progress.js';

function replay(name: string, mode: 'check' | 'apply'): LayerEvent[] {
  const events: LayerEvent[] = [];
  const onLine = progressReporter((event) => events.push(event), mode);
  for (const line of fixture(`${name}.jsonl`).split('\n')) onLine(line, 'stdout');
  onLine('[WARNING]: something', 'stderr');
  return events;
}

describe('progressReporter', () => {
  it('shows the current task with running counts, and keeps one line per changed task', () => {
    const events = replay('apply', 'apply');
    expect(events).toContainEqual({ type: 'progress', message: 'write app config' });
    expect(events).toContainEqual({ type: 'progress', message: 'write caddy config (localhost ok=2 changed=2)' });
    const kept = events.filter((event) => event.type === 'info').map((event) => event.message);
    expect(kept).toHaveLength(7);
    expect(kept[0]).toBe('localhost: changed: write app config');
  });

  it('says "would change" in check mode, and reports failures and unreachable hosts', () => {
    expect(replay('check-changes', 'check')).toContainEqual({ type: 'info', message: 'localhost: would change: write app config' });
    expect(replay('failed', 'apply')).toContainEqual({ type: 'info', message: 'localhost: failed: install caddy: non-zero return code' });
    expect(replay('unreachable', 'check')).toContainEqual({
      type: 'info',
      message: 'indri: unreachable: Failed to connect to the host via ssh: ssh: connect to host 127.0.0.1 port 1: Connection refused',
    });
  });
});
