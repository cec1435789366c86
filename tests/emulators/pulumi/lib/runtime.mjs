// Process plumbing shared by every command: error kinds and exit codes, writing
// and flushing output, sleeps, and the SIGINT/SIGTERM cancellation scope.

import { takeEarlySignals } from './early-signals.mjs';

/** Exit codes of pulumi v3.226+ (pkg/cmd/pulumi/cmd/exit_codes.go). */
export const EXIT = {
  generic: 1,
  invocation: 2,
  auth: 3,
  stack: 6,
  changes: 7,
  cancelled: 8,
  internal: 255,
};

/** PULUMI_EMULATOR_LEGACY_EXIT=1: behave like pulumi <= v3.225, where every failure is 255. */
export function isLegacy() {
  const v = process.env.PULUMI_EMULATOR_LEGACY_EXIT;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

export function exitCodeFor(kind) {
  if (isLegacy()) return 255;
  return EXIT[kind] ?? 255;
}

/** A failure pulumi reports as `error: MESSAGE` on stderr. */
export class PulumiError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

// A reader that goes away must not crash us with EPIPE.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

export function out(text) {
  process.stdout.write(text);
}

export function err(text) {
  process.stderr.write(text);
}

let exiting = false;

/** Flush stdout and stderr, then exit. Returns a promise that never settles. */
export function exitProcess(code) {
  if (!exiting) {
    exiting = true;
    let pending = 2;
    const done = () => {
      pending -= 1;
      if (pending === 0) process.exit(code);
    };
    process.stdout.write('', done);
    process.stderr.write('', done);
  }
  return new Promise(() => {});
}

/** Print `error: MESSAGE` and exit with the code of the error kind. */
export function fail(kind, message) {
  err(`error: ${message}\n`);
  return exitProcess(exitCodeFor(kind));
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sleep that ends early when the scope is cancelled. */
export function interruptibleSleep(ms, scope) {
  if (!scope) return sleep(ms);
  return new Promise((resolve) => {
    if (scope.cancelled) return resolve();
    const timer = setTimeout(finish, ms);
    const off = scope.onCancel(finish);
    function finish() {
      clearTimeout(timer);
      off();
      resolve();
    }
  });
}

/**
 * Mirrors pkg/backend/cancellation_scope.go: the first SIGINT/SIGTERM asks for a
 * graceful cancel (message through `say`), the second terminates at once.
 */
export function cancellationScope({ isPreview, say }) {
  const listeners = new Set();
  const scope = {
    cancelled: false,
    signal: null,
    onCancel(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    waitCancelled() {
      return new Promise((resolve) => {
        if (scope.cancelled) return resolve();
        // Keep the event loop alive while we wait for a signal.
        const keepAlive = setInterval(() => {}, 1 << 30);
        scope.onCancel(() => {
          clearInterval(keepAlive);
          resolve();
        });
      });
    },
    close() {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
    },
  };
  function handle(sig) {
    if (!scope.cancelled) {
      scope.cancelled = true;
      scope.signal = sig;
      let message =
        sig === 'SIGTERM'
          ? 'SIGTERM received; cancelling. If you would like to terminate immediately, send SIGTERM again.\n'
          : '^C received; cancelling. If you would like to terminate immediately, press ^C again.\n';
      if (!isPreview) {
        message += 'Note that terminating immediately may lead to orphaned resources and other inconsistencies.\n';
      }
      say(message);
      for (const fn of [...listeners]) fn();
      return;
    }
    say(`${sig === 'SIGTERM' ? 'SIGTERM' : '^C'} received; terminating\n`);
    exitProcess(exitCodeFor('cancelled'));
  }
  const onSigint = () => handle('SIGINT');
  const onSigterm = () => handle('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  for (const sig of takeEarlySignals()) handle(sig);
  return scope;
}

/** pulumi counts as interactive only with a TTY on stdin and stdout and no opt-out. */
export function isInteractive(flags) {
  if (flags['non-interactive']) return false;
  if (!process.stdin.isTTY || !process.stdout.isTTY) return false;
  if (process.env.TERM === 'dumb' || process.env.CI) return false;
  return true;
}

/** Unix seconds, as in engine events. */
export function unixSeconds() {
  return Math.floor(Date.now() / 1000);
}
