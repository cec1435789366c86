import { BlumeopsError, ToolError } from '../errors.js';
import { MIN_SECRET_LENGTH } from '../exec/redact.js';
import type { Run } from '../reconciler.js';

export const SECRET_PREFIX = 'op://';

/**
 * Resolves `op://` references with `op read --no-newline`, once per run: concurrent layers asking for
 * the same reference share one call. Values are registered for masking before anyone sees them.
 */
export class SecretResolver {
  private readonly cache = new Map<string, Promise<string>>();

  async resolveEnv(layer: string, env: Record<string, string>, run: Run): Promise<Record<string, string>> {
    const entries = await Promise.all(
      Object.entries(env).map(async ([name, value]) => [name, value.startsWith(SECRET_PREFIX) ? await this.read(layer, name, value, run) : value] as const),
    );
    return Object.fromEntries(entries);
  }

  private read(layer: string, name: string, reference: string, run: Run): Promise<string> {
    let pending = this.cache.get(reference);
    if (!pending) {
      pending = readSecret(reference, run);
      this.cache.set(reference, pending);
    }
    return pending.catch((error: unknown) => {
      throw new BlumeopsError(`layer ${layer}: could not read secret ${reference} for env ${name}: ${opReason(error)}`, {
        hint: opHint(error),
        reason: error instanceof ToolError ? 'secret-unavailable' : error instanceof BlumeopsError ? error.reason : undefined,
      });
    });
  }
}

async function readSecret(reference: string, run: Run): Promise<string> {
  const result = await run('op', ['read', '--no-newline', reference], { secretOutput: true });
  if (result.stdout.trim().length < MIN_SECRET_LENGTH) {
    // It could not be masked in output without garbling everything: refuse rather than show it.
    throw new BlumeopsError(`the value is ${result.stdout.trim().length === 0 ? 'empty' : `shorter than ${MIN_SECRET_LENGTH} characters`}, too short to be masked in output`, {
      hint: 'store a longer value in 1Password, or, if it is not a secret, write it in env: as plain text',
    });
  }
  return result.stdout;
}

function opReason(error: unknown): string {
  if (error instanceof ToolError) {
    const line = error.tail.split('\n').pop() ?? '';
    return line.replace(/^\[ERROR\] \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, '') || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function opHint(error: unknown): string {
  const text = error instanceof ToolError ? error.tail : error instanceof BlumeopsError ? (error.hint ?? '') : '';
  if (/not currently signed in|could not find session token|not signed in/i.test(text)) {
    return 'sign in with `eval $(op signin)`, or export OP_SERVICE_ACCOUNT_TOKEN';
  }
  if (/isn't an item|does not have a field|isn't a vault/.test(text)) return 'check the reference in blumeops.yaml: op://VAULT/ITEM/FIELD';
  if (error instanceof BlumeopsError && error.hint) return error.hint;
  return error instanceof ToolError && error.logPath ? `full output: ${error.logPath}` : 'run `op whoami` to check the 1Password CLI';
}
