import { runDoctor } from '../doctor/run-doctor.js';
import { renderDoctor } from '../doctor/render.js';
import { DoctorDocument } from '../doctor/schema.js';
import { printJson } from '../output/json.js';
import { createPaint } from '../output/paint.js';
import { terminal } from '../output/terminal.js';
import { registry } from '../../layers/index.js';

/**
 * `blumeops doctor`: are the tools of the kinds in use installed, recent and logged in, is
 * blumeops.yaml valid, does the Git remote answer. Exit 1 when any check failed, else 0.
 */
export async function doctorCommand(flags: { repo?: string; offline: boolean; json: boolean; color: boolean }): Promise<number> {
  const checks = await runDoctor({ repo: flags.repo, offline: flags.offline }, registry);
  const exitCode = checks.some((check) => check.status === 'fail') ? 1 : 0;
  if (flags.json) {
    printJson(DoctorDocument.parse({ version: 1, checks, exitCode }));
    return exitCode;
  }
  const out = terminal({ document: false, color: flags.color });
  out.write(`${renderDoctor(checks, createPaint(out.color))}\n`);
  return exitCode;
}
