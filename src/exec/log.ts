import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { redact } from './redact.js';

/**
 * A layer's run log: every command line, cwd, exit code and output line, redacted, appended to
 * `.git/blumeops/runs/<runId>/<layer>.log`. Writes are synchronous so nothing is lost on Ctrl-C.
 */
export class RunLog {
  private fd: number | undefined;

  constructor(readonly path: string) {}

  write(text: string): void {
    if (this.fd === undefined) {
      mkdirSync(path.dirname(this.path), { recursive: true, mode: 0o700 });
      this.fd = openSync(this.path, 'a', 0o600);
    }
    writeSync(this.fd, redact(text));
  }

  line(prefix: string, text: string): void {
    this.write(`${prefix}${text}\n`);
  }

  close(): void {
    if (this.fd === undefined) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
  }
}
