import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { redact } from './redact.js';

/** Bytes gathered before a write: one syscall per line would cap a chatty tool's throughput. */
const FLUSH_AT = 64 * 1024;

/**
 * A layer's run log: every command line, cwd, exit code and output line, redacted, appended to
 * `.git/blumeops/runs/<runId>/<layer>.log`. Output is buffered and written synchronously in blocks;
 * close() (reached on success, failure and Ctrl-C alike) writes the rest and fsyncs.
 */
export class RunLog {
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;

  constructor(readonly path: string) {}

  /** Appends text that is already redacted (tool output lines are, by the gateway). */
  writeRedacted(text: string): void {
    this.pending.push(text);
    this.pendingBytes += text.length;
    if (this.pendingBytes >= FLUSH_AT) this.flush();
  }

  write(text: string): void {
    this.writeRedacted(redact(text));
  }

  line(prefix: string, text: string): void {
    this.write(`${prefix}${text}\n`);
  }

  flush(): void {
    if (this.pending.length === 0) return;
    if (this.fd === undefined) {
      mkdirSync(path.dirname(this.path), { recursive: true, mode: 0o700 });
      this.fd = openSync(this.path, 'a', 0o600);
    }
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
  }

  close(): void {
    this.flush();
    if (this.fd === undefined) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
  }
}
