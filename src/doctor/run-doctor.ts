import type { Registry } from '../config/load.js';
import type { DoctorProbe, ToolSpec } from '../reconciler.js';
import { readSetup, type DoctorLayer } from './config-check.js';
import { probesOf, runProbe } from './probes.js';
import { checkRemote } from './remote-check.js';
import { skip, type DoctorCheck } from './schema.js';
import { GIT_TOOL, OP_TOOL } from '../tools.js';
import { checkTool } from './tool-checks.js';

export interface DoctorOptions {
  repo?: string;
  /** Do not contact the Git remote. */
  offline: boolean;
}

/**
 * Every check, in a stable order: config, git, each kind's tools, op, the remote, each layer's
 * probes. Everything after the config runs at once; each check catches its own failures.
 */
export async function runDoctor(options: DoctorOptions, registry: Registry): Promise<DoctorCheck[]> {
  const setup = await readSetup(options.repo, registry);
  const cwd = setup.root ?? process.cwd();
  const tasks: Promise<DoctorCheck[]>[] = toolsInUse(setup.layers).map(({ spec, envKeys }) => checkTool(spec, { cwd, layerEnvKeys: envKeys }));
  tasks.push(setup.root ? checkRemote(setup.root, options.offline).then((row) => [row]) : Promise.resolve([skip('remote', 'no infra repo found')]));
  // The same probe for several layers (three playbooks under one ansible.cfg) runs once, in one row.
  const probes = new Map<string, { layers: string[]; reconciler: DoctorLayer['reconciler']; probe: DoctorProbe }>();
  for (const layer of setup.layers) {
    if (layer.config === undefined) continue;
    for (const probe of probesOf(layer.reconciler, layer.config, cwd)) {
      const key = JSON.stringify([probe.name, probe.tool, probe.args, probe.cwd, probe.env]);
      const seen = probes.get(key);
      if (seen) seen.layers.push(layer.name);
      else probes.set(key, { layers: [layer.name], reconciler: layer.reconciler, probe });
    }
  }
  for (const { layers, reconciler, probe } of probes.values()) tasks.push(runProbe(layers.join(', '), reconciler, probe, cwd).then((row) => [row]));
  return [setup.row, ...(await Promise.all(tasks)).flat()];
}

interface ToolUse {
  spec: ToolSpec;
  /** Env keys that the layers needing this tool set. */
  envKeys: Set<string>;
}

/** git, then the tools of the kinds in use (in layer order, once per name), then op when a layer env reads `op://`. */
export function toolsInUse(layers: readonly DoctorLayer[]): ToolUse[] {
  const uses = new Map<string, ToolUse>([[GIT_TOOL.name, { spec: GIT_TOOL, envKeys: new Set() }]]);
  for (const layer of layers) {
    for (const spec of layer.reconciler.tools) {
      const use = uses.get(spec.name) ?? { spec, envKeys: new Set<string>() };
      for (const key of Object.keys(layer.env)) use.envKeys.add(key);
      uses.set(spec.name, use);
    }
  }
  if (layers.some((layer) => Object.values(layer.env).some((value) => value.startsWith('op://')))) {
    uses.set(OP_TOOL.name, { spec: OP_TOOL, envKeys: new Set() });
  }
  return [...uses.values()];
}
