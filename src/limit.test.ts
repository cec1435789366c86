import { describe, expect, it } from 'vitest';
import { Limiter, mapSettled } from './limit.js';

describe('limiter', () => {
  it('never runs more than its size at once, and runs every job', async () => {
    const limiter = new Limiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 2));
          running--;
          return index;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual([...Array(20).keys()]);
  });

  it('mapSettled keeps order, returns failures, and starts nothing after an abort', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const results = await mapSettled([1, 2, 3, 4], 1, async (item) => {
      started.push(item);
      if (item === 2) {
        controller.abort();
        throw new Error('two');
      }
      return item * 10;
    }, controller.signal);
    expect(started).toEqual([1, 2]);
    expect(results[0]).toEqual({ ok: true, value: 10 });
    expect(results[1]).toMatchObject({ ok: false });
    expect(results.slice(2).every((result) => !result.ok)).toBe(true);
  });
});
