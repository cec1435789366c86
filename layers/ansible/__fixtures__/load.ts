/** Test-only: read a captured fixture (see capture.sh) and build the ToolResult a run would return. */
import { readFileSync, existsSync } from 'node:fs';
import type { ToolResult } from '../../../src/reconciler.js';

/** The captures of each ansible-core version: Debian's 2.14 in this folder, PyPI's newest in core-2.19/. */
export const ANSIBLE_VERSIONS = ['2.14', '2.19'] as const;
export type AnsibleVersion = (typeof ANSIBLE_VERSIONS)[number];

const folders: Record<AnsibleVersion, URL> = {
  '2.14': new URL('./', import.meta.url),
  '2.19': new URL('./core-2.19/', import.meta.url),
};

export function fixture(file: string, version: AnsibleVersion = '2.14'): string {
  const url = new URL(file, folders[version]);
  return existsSync(url) ? readFileSync(url, 'utf8') : '';
}

/** The exit code capture.sh recorded for a fixture. */
export function exitCodeOf(name: string, version: AnsibleVersion = '2.14'): number {
  const line = fixture('exit-codes.txt', version).split('\n').find((entry) => entry.startsWith(`${name} `));
  if (!line) throw new Error(`no exit code recorded for ${name} (ansible-core ${version})`);
  return Number(line.split(' ')[1]);
}

/** The ToolResult of a captured run: NAME.jsonl, NAME.stderr.txt and its exit code. */
export function capturedRun(name: string, version: AnsibleVersion = '2.14'): ToolResult {
  return {
    command: 'ansible-playbook',
    logPath: '/logs/run.log',
    exitCode: exitCodeOf(name, version),
    stdout: fixture(`${name}.jsonl`, version),
    stderr: fixture(`${name}.stderr.txt`, version),
  };
}
