import type { ConfigValue } from '../detect/types.js';
import type { Candidate } from './candidate.js';

const HEADER = [
  '# blumeops.yaml: the layers of this infra repo, for `blumeops plan` and `blumeops apply`.',
  '# Written by `blumeops init` from what it found here: read it, adjust it, commit it.',
  '# Every layer also takes: needs, env (op://vault/item/field values are secrets), paths, timeout.',
  '# Check it with `blumeops layers`, then `blumeops plan`.',
];

const NEEDS_NOTE = '# suggested order, tailnet → hosts → Kubernetes: check it';

/** The commented blumeops.yaml for these layers; `version: 1` first. */
export function renderConfig(layers: readonly Candidate[]): string {
  const lines = [...HEADER, 'version: 1', layers.length === 0 ? 'layers: {}' : 'layers:'];
  layers.forEach((layer, index) => {
    if (index > 0) lines.push('');
    lines.push(`  # ${oneLine(layer.reason)}`, `  ${layer.name}:`, `    kind: ${scalar(layer.kind)}`);
    for (const [key, value] of Object.entries(layer.config)) lines.push(`    ${key}: ${yamlValue(value)}`);
    const env = Object.entries(layer.env);
    if (env.length > 0) {
      lines.push(`    # from the old task${layer.tasks.length === 1 ? '' : 's'} ${layer.tasks.join(', ')}; op:// values are read with \`op read\` at run time`, '    env:');
      for (const [name, value] of env) lines.push(`      ${name}: ${scalar(value)}`);
    }
    for (const note of layer.notes) lines.push(`    # ${oneLine(note)}`);
    if (layer.needs.length > 0) lines.push(`    ${NEEDS_NOTE}`, `    needs: [${layer.needs.map(scalar).join(', ')}]`);
  });
  return `${lines.join('\n')}\n`;
}

/** A key's value: a scalar, a flow list `[a, b]`, a flow map `{k: v}`, or a boolean. */
function yamlValue(value: ConfigValue): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return scalar(value);
  if (Array.isArray(value)) return `[${value.map(scalar).join(', ')}]`;
  return `{ ${Object.entries(value).map(([key, item]) => `${scalar(key)}: ${scalar(item)}`).join(', ')} }`;
}

/**
 * A string as a YAML scalar: plain when that reads back as the same string, else double-quoted
 * (a JSON string is a valid YAML double-quoted scalar).
 */
export function scalar(value: string): string {
  const plain =
    /^[A-Za-z0-9_./][A-Za-z0-9_./@+-]*$/.test(value) &&
    !/^(?:true|false|yes|no|on|off|y|n|null|~)$/i.test(value) &&
    !/^[-+]?(?:\.?[0-9][0-9_.eE+-]*|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
