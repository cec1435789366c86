// The desired state: a Pulumi YAML program (Pulumi.yaml) and its stack config
// (Pulumi.<stack>.yaml). The `yaml` package is imported only when needed.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PulumiError } from './runtime.mjs';
import { stackConfigFile } from './state.mjs';

export function findProject(cwd) {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of ['Pulumi.yaml', 'Pulumi.yml']) {
      const file = join(dir, name);
      if (existsSync(file)) return { dir, file };
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new PulumiError(
    'invocation',
    `no Pulumi.yaml project file found (searching upwards from ${resolve(cwd)}). If you have not created a project yet, use \`pulumi new\` to do so: no project file found`,
  );
}

async function readYaml(file) {
  const { default: YAML } = await import('yaml');
  try {
    return YAML.parse(readFileSync(file, 'utf8')) ?? {};
  } catch (e) {
    throw new PulumiError('generic', `could not parse ${file}: ${e.message}`);
  }
}

/** { dir, file, name, doc } for the project around cwd. */
export async function loadProject(cwd) {
  const { dir, file } = findProject(cwd);
  const doc = await readYaml(file);
  if (!doc || typeof doc !== 'object' || typeof doc.name !== 'string' || doc.name === '') {
    throw new PulumiError('generic', `could not load ${file}: project is missing a 'name' attribute`);
  }
  return { dir, file, name: doc.name, doc };
}

/** Only the project name, without parsing the whole program (for fast paths). */
export function quickProjectName(file) {
  const text = readFileSync(file, 'utf8');
  const m = /^name:\s*["']?([^"'\s#]+)/m.exec(text) ?? /"name"\s*:\s*"([^"]+)"/.exec(text);
  return m ? m[1] : 'project';
}

/** Stack config: a map of fully qualified key -> value ({secure} values kept as they are). */
export async function loadStackConfig(project, stack) {
  const file = stackConfigFile(project.dir, stack);
  const config = new Map();
  if (!file) return config;
  const doc = await readYaml(file);
  for (const [key, value] of Object.entries(doc.config ?? {})) {
    config.set(key.includes(':') ? key : `${project.name}:${key}`, value);
  }
  return config;
}

function isSecure(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'secure' in v;
}

/** Config as the preview digest shows it: strings, secrets blinded. */
export function displayConfig(config) {
  const shown = {};
  for (const [key, value] of config) {
    if (isSecure(value)) shown[key] = '[secret]';
    else shown[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return shown;
}

/**
 * The program: { resources: [{ name, key, type, inputs, options }] in program
 * order, outputs: {name: value} }. Supports `${config}`, `${variable}`,
 * `${pulumi.stack}`/`${pulumi.project}` and `${resource.inputProp}` interpolation;
 * anything else is left as written.
 */
export function desiredProgram(project, stack, config) {
  const doc = project.doc;
  const declared = doc.resources ?? {};
  const configValues = new Map();
  for (const [key, decl] of Object.entries(doc.config ?? {})) {
    if (decl && typeof decl === 'object' && ('default' in decl || 'value' in decl)) {
      configValues.set(key.replace(`${project.name}:`, ''), decl.value ?? decl.default);
    }
  }
  for (const [key, value] of config) {
    const short = key.startsWith(`${project.name}:`) ? key.slice(project.name.length + 1) : key;
    configValues.set(short, isSecure(value) ? { 'fn::secret': value.secure } : value);
  }
  const resolver = makeResolver({ stack, project: project.name, config: configValues, variables: doc.variables ?? {}, declared });
  const resources = Object.entries(declared).map(([key, res]) => {
    if (!res || typeof res !== 'object' || typeof res.type !== 'string') {
      throw new PulumiError('generic', `${project.file}: resource '${key}' has no 'type'`);
    }
    return {
      key,
      name: typeof res.name === 'string' ? res.name : key,
      type: res.type,
      inputs: resolver.inputsOf(key),
      options: res.options && typeof res.options === 'object' ? res.options : {},
    };
  });
  const outputs = {};
  for (const [name, value] of Object.entries(doc.outputs ?? {})) outputs[name] = resolver.resolve(value);
  return { resources, outputs };
}

function makeResolver({ stack, project, config, variables, declared }) {
  const cache = new Map();
  const active = new Set();
  const NOT_FOUND = Symbol('not found');

  function dig(value, path) {
    let v = value;
    for (const p of path) {
      if (v && typeof v === 'object' && 'fn::secret' in v) v = v['fn::secret'];
      if (v === null || typeof v !== 'object' || !(p in v)) return NOT_FOUND;
      v = v[p];
    }
    return v;
  }

  function lookup(expr) {
    const [head, ...rest] = expr.split('.');
    if (head === 'pulumi') {
      const meta = { stack, project, organization: 'organization' };
      return rest.length === 1 && rest[0] in meta ? meta[rest[0]] : NOT_FOUND;
    }
    if (config.has(head)) return dig(config.get(head), rest);
    if (head in variables) return dig(resolve(variables[head]), rest);
    if (head in declared && rest.length > 0) return dig(inputsOf(head), rest);
    return NOT_FOUND;
  }

  function interpolate(s) {
    const whole = /^\$\{([^}]+)\}$/.exec(s);
    if (whole) {
      const v = lookup(whole[1].trim());
      return v === NOT_FOUND ? s : v;
    }
    let secret = false;
    const text = s.replace(/\$\$\{|\$\{([^}]+)\}/g, (m, expr) => {
      if (m === '$${') return '${';
      let v = lookup(expr.trim());
      if (v === NOT_FOUND) return m;
      if (v && typeof v === 'object' && 'fn::secret' in v) {
        secret = true;
        v = v['fn::secret'];
      }
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
    return secret ? { 'fn::secret': text } : text;
  }

  function resolve(v) {
    if (typeof v === 'string') return v.includes('${') ? interpolate(v) : v;
    if (Array.isArray(v)) return v.map(resolve);
    if (v && typeof v === 'object') {
      const o = {};
      for (const [k, x] of Object.entries(v)) o[k] = resolve(x);
      return o;
    }
    return v;
  }

  function inputsOf(key) {
    if (cache.has(key)) return cache.get(key);
    if (active.has(key)) return {};
    active.add(key);
    const props = declared[key].properties ?? {};
    const inputs = resolve(props);
    active.delete(key);
    cache.set(key, inputs);
    return inputs;
  }

  return { inputsOf, resolve };
}

/** PULUMI_EMULATOR_GENERATE=N: N synthetic resources of about 2 KB each in the digest. */
export function generatedResources(n) {
  const width = String(n).length;
  const description = 'synthetic resource for the large-preview benchmark; '.repeat(19);
  const resources = new Array(n);
  for (let i = 0; i < n; i += 1) {
    const name = `thing-${String(i + 1).padStart(width, '0')}`;
    resources[i] = {
      key: name,
      name,
      type: 'emulated:index/thing:Thing',
      inputs: { index: i + 1, description, tags: { batch: String(i % 100), generated: 'true' } },
      options: {},
    };
  }
  return resources;
}
