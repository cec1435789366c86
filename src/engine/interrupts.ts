import { InterruptedError } from '../errors.js';
import { ProcessTracker } from '../exec/processes.js';

/** Told to the operator when a Ctrl-C arrives (through the face's renderer). */
export type InterruptNotice = (message: string) => void;

/**
 * Ctrl-C and SIGTERM for one command, installed before any work starts (workspace, worktree, lock),
 * so an interruption at any point leaks nothing. blumeops alone decides what SIGINT does: the first
 * aborts the command's signal and asks every tool to stop (SIGINT to its process group); a second
 * kills them. `dispose()` restores Node's default handling.
 */
export class Interrupts {
  readonly tracker = new ProcessTracker();
  private readonly controller = new AbortController();
  private notice: InterruptNotice = () => {};
  private readonly onSignal = () => this.interrupt();

  constructor() {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get interrupted(): boolean {
    return this.controller.signal.aborted;
  }

  /** Where the "waiting for the tools" messages go once a renderer exists. */
  tell(notice: InterruptNotice): void {
    this.notice = notice;
  }

  interrupt(): void {
    if (this.controller.signal.aborted) {
      this.notice('stopping the tools now');
      this.tracker.kill();
      return;
    }
    this.notice(this.tracker.running > 0 ? 'interrupting: waiting for the tools to stop (Ctrl-C again to kill them)' : 'interrupting');
    this.controller.abort();
    this.tracker.interrupt();
  }

  /** Between steps: an interruption stops the command here (exit 130). */
  check(what = 'interrupted'): void {
    if (this.interrupted) throw new InterruptedError(what);
  }

  dispose(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }
}

/**
 * Runs `body` with interrupt handling installed first and removed last, whatever happens. A failure
 * after a Ctrl-C (git killed by the terminal's SIGINT, say) is the interruption, not an error.
 */
export async function withInterrupts<T>(notice: InterruptNotice, body: (interrupts: Interrupts) => Promise<T>): Promise<T> {
  const interrupts = new Interrupts();
  interrupts.tell(notice);
  try {
    return await body(interrupts);
  } catch (error) {
    if (interrupts.interrupted && !(error instanceof InterruptedError)) throw new InterruptedError('interrupted');
    throw error;
  } finally {
    interrupts.dispose();
  }
}
