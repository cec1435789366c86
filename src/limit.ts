/**
 * The one concurrency limiter: the engine runs layers with it and a kind runs sub-units (ArgoCD
 * apps) with it. At most `size` jobs run at once; the others wait their turn in order.
 */
export class Limiter {
  private waiting: (() => void)[] = [];
  private free: number;

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Runs `task` over `items`, at most `limit` at a time, results in input order. Every task runs to its
 * end (one failure does not stop the others); a rejection is returned, not thrown. Once `signal` is
 * aborted no new task starts.
 */
export async function mapSettled<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>, signal?: AbortSignal): Promise<Settled<R>[]> {
  const limiter = new Limiter(limit);
  return Promise.all(
    items.map((item, index) =>
      limiter.run(async (): Promise<Settled<R>> => {
        if (signal?.aborted) return { ok: false, error: signal.reason ?? new Error('aborted') };
        try {
          return { ok: true, value: await task(item, index) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    ),
  );
}
