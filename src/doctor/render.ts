import type { Paint } from '../output/paint.js';
import { table } from '../output/table.js';
import type { CheckStatus, DoctorCheck } from './schema.js';

const MARKS: Record<CheckStatus, string> = { ok: '✓ ok', fail: '✗ fail', skip: '– skip', warn: '! warn' };

/** The `doctor` table: CHECK, RESULT, DETAIL, a `fix:` line under each failure and warning, and a verdict. */
export function renderDoctor(checks: readonly DoctorCheck[], paint: Paint): string {
  const rows = checks.map((check) => ({
    cells: [check.name, color(check.status, MARKS[check.status], paint), check.detail],
    under: check.fix && check.status !== 'ok' ? [`${paint.dim('fix:')} ${check.fix}`] : [],
  }));
  const lines = [table(['CHECK', 'RESULT', 'DETAIL'], rows, { underColumn: 2 })];
  const failed = checks.filter((check) => check.status === 'fail').length;
  const warned = checks.filter((check) => check.status === 'warn').length;
  lines.push('');
  if (failed > 0) lines.push(paint.error(`${failed} check${failed === 1 ? '' : 's'} failed`) + (warned ? `, ${warned} warning${warned === 1 ? '' : 's'}` : ''));
  else lines.push(paint.ok('all checks passed') + (warned ? paint.warn(` (${warned} warning${warned === 1 ? '' : 's'})`) : ''));
  return lines.join('\n');
}

function color(status: CheckStatus, text: string, paint: Paint): string {
  if (status === 'ok') return paint.ok(text);
  if (status === 'fail') return paint.error(text);
  if (status === 'warn') return paint.warn(text);
  return paint.dim(text);
}
