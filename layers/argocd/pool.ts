/**
 * Runs `task` over `items`, at most `limit` at a time, results in input order. Every task runs to
 * its end (one failure does not stop the others); a task's rejection is returned, not thrown.
 * Once `signal` is aborted no new task starts.
 */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
  signal?: AbortSignal,
): Promise<Settled<R>[]> {
  const results: Settled<R>[] = new Array(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      if (signal?.aborted) {
        results[index] = { ok: false, error: signal.reason ?? new Error('aborted') };
        continue;
      }
      try {
        results[index] = { ok: true, value: await task(items[index]) };
      } catch (error) {
        results[index] = { ok: false, error };
      }
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker());
  await Promise.all(workers);
  return results;
}
