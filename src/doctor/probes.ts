import path from 'node:path';
import { runCommand } from '../exec/command.js';
import { which } from '../exec/which.js';
import type { DoctorProbe, Reconciler } from '../reconciler.js';
import { fail, ok, type DoctorCheck } from './schema.js';
import { failure } from './failure.js';

/** The read-only checks a kind declares for one of its layers (capabilities are data). */
export function probesOf(reconciler: Reconciler<any>, config: unknown, repoDir: string): DoctorProbe[] {
  return reconciler.probes?.(config, repoDir) ?? [];
}

export async function runProbe(layer: string, reconciler: Reconciler<any>, probe: DoctorProbe, cwd: string, timeoutMs = 30_000): Promise<DoctorCheck> {
  const name = `${layer}: ${probe.name}`;
  const binary = which(probe.tool);
  if (!binary) {
    const spec = reconciler.tools.find((tool) => tool.name === probe.tool) ?? reconciler.tools[0];
    return fail(name, `${probe.tool} not found on PATH`, spec ? `install it: ${spec.install}` : `install ${probe.tool}`);
  }
  const command = `${probe.tool} ${probe.args.join(' ')}`;
  const result = await runCommand(binary, probe.args, path.resolve(cwd, probe.cwd ?? '.'), { timeoutMs, env: probe.env });
  const problem = failure(result);
  if (problem) return fail(name, `\`${command}\` ${problem}`, probe.fix);
  // Matched across lines: ansible wraps its warnings at 80 columns.
  const bad = probe.failsOn === undefined ? null : new RegExp(probe.failsOn).exec(result.stderr.replace(/\s+/g, ' '));
  if (bad) return fail(name, bad[0], probe.fix);
  if (probe.json) {
    try {
      JSON.parse(result.stdout);
    } catch {
      return fail(name, `\`${command}\` did not print JSON`, probe.fix);
    }
  }
  return ok(name, `\`${command}\` succeeded`);
}
