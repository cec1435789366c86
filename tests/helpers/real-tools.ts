/**
 * The real tools that tests/real/install puts in a cache folder (pulumi + its Python host, the
 * Pulumi Python SDK virtualenv, uv, ansible-core from PyPI). Found from the variables the install
 * script prints, else in its default folder. A suite that needs a missing tool skips with the reason,
 * except under CI=true, where a missing tool is a failure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const DEFAULT_DIR = path.join(os.homedir(), '.cache', 'blumeops', 'real-tools');
const HOW = 'run eval "$(tests/real/install)" first';

export interface RealPulumi {
  /** The folder holding pulumi, pulumi-language-python and the dynamic-provider launcher. */
  bin: string;
  /** The virtualenv with the Pulumi Python SDK and uv. */
  venv: string;
  uvCache: string;
}

function toolsDir(): string {
  return process.env.BLUMEOPS_REAL_TOOLS_DIR || DEFAULT_DIR;
}

/** The newest folder `<prefix><version>` in the cache that has finished installing. */
function installed(prefix: string): string | undefined {
  const dir = toolsDir();
  if (!existsSync(dir)) return undefined;
  const found = readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && existsSync(path.join(dir, name, prefix === 'pulumi-3.' ? 'bin/.host' : '.complete')))
    .sort();
  return found.length > 0 ? path.join(dir, found[found.length - 1]) : undefined;
}

/** The real pulumi, or why it is not there. */
export function realPulumi(): RealPulumi | string {
  const bin = process.env.BLUMEOPS_REAL_PULUMI_BIN || (installed('pulumi-3.') && path.join(installed('pulumi-3.')!, 'bin'));
  const venv = process.env.BLUMEOPS_REAL_PULUMI_VENV || installed('pulumi-python-');
  if (!bin || !existsSync(path.join(bin, 'pulumi'))) return `the real pulumi is not installed (${HOW})`;
  if (!venv || !existsSync(path.join(venv, 'bin', 'python'))) return `the Pulumi Python SDK virtualenv is missing (${HOW})`;
  return { bin, venv, uvCache: process.env.BLUMEOPS_REAL_UV_CACHE_DIR || path.join(toolsDir(), 'uv-cache') };
}

export interface AnsibleInstall {
  /** `2.14`, `2.19`: the ansible-core version of that bin dir. */
  version: string;
  bin: string;
}

/** `2.19` from the `__version__` of the ansible package beside a bin dir (venv or Debian's). */
function ansibleVersion(bin: string): string | undefined {
  const candidates = ['/usr/lib/python3/dist-packages/ansible/release.py'];
  const lib = path.join(bin, '..', 'lib');
  if (bin !== '/usr/bin' && existsSync(lib)) {
    candidates.unshift(...readdirSync(lib).map((python) => path.join(lib, python, 'site-packages', 'ansible', 'release.py')));
  }
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const match = /__version__ = '(\d+\.\d+)/.exec(readFileSync(file, 'utf8'));
    if (match) return match[1];
  }
  return undefined;
}

/**
 * Every ansible-core to test on: BLUMEOPS_ANSIBLE_BIN_DIRS (printed by tests/real/install), else
 * Debian's (/usr/bin) and the cache's. Each entry needs ansible-playbook in its bin dir.
 */
export function ansibleInstalls(): AnsibleInstall[] {
  const fromEnv = process.env.BLUMEOPS_ANSIBLE_BIN_DIRS?.split(':').filter(Boolean);
  const cached = installed('ansible-core-');
  const dirs = fromEnv ?? ['/usr/bin', ...(cached ? [path.join(cached, 'bin')] : [])];
  const found: AnsibleInstall[] = [];
  for (const bin of dirs) {
    if (!existsSync(path.join(bin, 'ansible-playbook'))) continue;
    const version = ansibleVersion(bin);
    if (version && !found.some((install) => install.version === version)) found.push({ version, bin });
  }
  return found;
}

/** The ansible-core versions the suites expect (Debian's and PyPI's newest on Python 3.11). */
export const EXPECTED_ANSIBLE = ['2.14', '2.19'];
export const INSTALL_HINT = HOW;
