import { randomBytes } from 'node:crypto';

/** `20261126T031500Z-4f2a`: sortable by time, unique enough for one repo. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}
