import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { sleep } from './loop.js';

describe('the wait between cycles', () => {
  it('leaves no abort listener behind when it ends (a watch sleeps thousands of times on one signal)', async () => {
    const controller = new AbortController();
    for (let cycle = 0; cycle < 20; cycle++) await sleep(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('ends at once when the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    await sleep(60_000, controller.signal);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
