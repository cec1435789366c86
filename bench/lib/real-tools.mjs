/**
 * The real pulumi that tests/real/install builds (see tests/real/README.md), for cases that also
 * measure against it: from the variables the script prints, else its default cache folder.
 */
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** { bin, venv } of the real pulumi and its Python SDK virtualenv, or a string saying why there is none. */
export function realPulumi() {
  const dir = process.env.BLUMEOPS_REAL_TOOLS_DIR || path.join(os.homedir(), '.cache/blumeops/real-tools');
  const newest = (prefix, marker) => {
    if (!existsSync(dir)) return undefined;
    const found = readdirSync(dir).filter((name) => name.startsWith(prefix) && existsSync(path.join(dir, name, marker))).sort();
    return found.length > 0 ? path.join(dir, found.at(-1)) : undefined;
  };
  const bin = process.env.BLUMEOPS_REAL_PULUMI_BIN || (newest('pulumi-3', 'bin/.host') && path.join(newest('pulumi-3', 'bin/.host'), 'bin'));
  const venv = process.env.BLUMEOPS_REAL_PULUMI_VENV || newest('pulumi-python-', '.complete');
  if (!bin || !existsSync(path.join(bin, 'pulumi')) || !venv) return 'the real pulumi is not installed (eval "$(tests/real/install)")';
  return { bin, venv };
}
