/**
 * The tools a run has started, by process group, so Ctrl-C can reach them: the first interrupt sends
 * SIGINT to each group (Pulumi cancels gracefully, Ansible's module processes stop too), a second
 * sends SIGKILL.
 */
export class ProcessTracker {
  private readonly groups = new Set<number>();
  private level: 0 | 1 | 2 = 0;

  get interrupted(): boolean {
    return this.level > 0;
  }

  add(pid: number): void {
    this.groups.add(pid);
    if (this.level === 1) signalGroup(pid, 'SIGINT');
    if (this.level === 2) signalGroup(pid, 'SIGKILL');
  }

  remove(pid: number): void {
    this.groups.delete(pid);
  }

  get running(): number {
    return this.groups.size;
  }

  /** First Ctrl-C: ask every running tool to stop. */
  interrupt(): void {
    this.level = Math.max(this.level, 1) as 1 | 2;
    for (const pid of this.groups) signalGroup(pid, 'SIGINT');
  }

  /** Second Ctrl-C: stop them now. */
  kill(): void {
    this.level = 2;
    for (const pid of this.groups) signalGroup(pid, 'SIGKILL');
  }
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}
