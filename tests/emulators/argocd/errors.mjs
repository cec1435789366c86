// Errors that end an invocation. The entry point (argocd.mjs) turns them into the real CLI's
// stderr text and exit code; nothing else calls process.exit.

/** A logrus fatal: `time=... level=fatal msg=...` on stderr, then exit `code`. */
export class Fatal extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** A cobra usage error: `Error: MSG` and the usage text on stderr, exit 1. */
export class UsageError extends Error {
  constructor(message) {
    super(message);
  }
}

/** The command prints its usage (stderr) and exits `code`, like `c.HelpFunc()(c, args); os.Exit(code)`. */
export class HelpExit extends Error {
  constructor(code, path) {
    super('help');
    this.code = code;
    this.path = path;
  }
}

/** A mistake in how the emulator is driven (bad state file, missing env): exit 1, plain text. */
export class EmulatorError extends Error {}

/** errors.CheckError(err) of a gRPC error: fatal, exit 20 (ErrorGeneric). */
export function rpcError(code, desc) {
  return new Fatal(20, `rpc error: code = ${code} desc = ${desc}`);
}

/** The server's answer for an app that does not exist (it hides existence): PermissionDenied. */
export function permissionDenied() {
  return rpcError('PermissionDenied', 'permission denied');
}
