// Emulator of the 1Password CLI (op v2): `op read`, `op whoami`, `op vault list`,
// `op --version`. Vault data comes from the JSON file named by OP_EMULATOR_VAULT.
// Every failure: exit 1, nothing on stdout, one `[ERROR] YYYY/MM/DD HH:MM:SS MSG` line.

import { appendFileSync, existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { resolve } from 'node:path';

const VERSION = process.env.OP_EMULATOR_VERSION || '2.30.0';
const SHAPE = 'op://<vault>/<item>[/<section>]/<field>';

class OpError extends Error {}

function two(n) {
  return String(n).padStart(2, '0');
}

function stamp(d = new Date()) {
  return `${d.getFullYear()}/${two(d.getMonth() + 1)}/${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function finish(code) {
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

// Global flags (value-taking ones listed with true).
const GLOBAL = { account: true, cache: false, config: true, debug: false, encoding: true, format: true, 'iso-timestamps': false, 'no-color': false, session: true, help: false, version: false };
const LOCAL = {
  read: { 'no-newline': false, 'out-file': true, 'file-mode': true, force: false },
  whoami: {},
  'vault list': { group: true, user: true, permission: true },
};
const SHORT = { n: 'no-newline', o: 'out-file', f: 'force', h: 'help' };

function parse(argv) {
  const words = [];
  const flags = {};
  let i = 0;
  const specFor = (name) => {
    const cmd = words.join(' ');
    if (LOCAL[cmd] && name in LOCAL[cmd]) return LOCAL[cmd][name];
    if (name in GLOBAL) return GLOBAL[name];
    return undefined;
  };
  for (; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      const takes = specFor(name);
      if (takes === undefined) throw new OpError(`unknown flag: --${name}`);
      if (eq !== -1) flags[name] = a.slice(eq + 1);
      else if (!takes) flags[name] = true;
      else if (i + 1 < argv.length) flags[name] = argv[(i += 1)];
      else throw new OpError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j += 1) {
        const name = SHORT[a[j]];
        const takes = name === undefined ? undefined : specFor(name);
        if (takes === undefined) throw new OpError(`unknown shorthand flag: '${a[j]}' in ${a}`);
        if (!takes) {
          flags[name] = true;
          continue;
        }
        const rest = a.slice(j + 1).replace(/^=/, '');
        if (rest) flags[name] = rest;
        else if (i + 1 < argv.length) flags[name] = argv[(i += 1)];
        else throw new OpError(`flag needs an argument: '${a[j]}' in -${a[j]}`);
        break;
      }
      continue;
    }
    words.push(a);
  }
  return { words, flags };
}

/** The vault file, or null when "not signed in". */
function loadVault() {
  const path = process.env.OP_EMULATOR_VAULT;
  if (!path || !existsSync(path)) return null;
  const data = JSON.parse(readFileSync(path, 'utf8'));
  if (data.signedIn === false) return null;
  return data;
}

function findKey(obj, name) {
  if (!obj || typeof obj !== 'object') return undefined;
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

function scalar(v) {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Field lookup: with a section, item[section][field] then item[field]; without, item[field] then any section's field. */
function findField(item, section, field) {
  if (section !== null) {
    const sk = findKey(item, section);
    if (sk && item[sk] && typeof item[sk] === 'object') {
      const fk = findKey(item[sk], field);
      if (fk && scalar(item[sk][fk])) return String(item[sk][fk]);
    }
  }
  const fk = findKey(item, field);
  if (fk && scalar(item[fk])) return String(item[fk]);
  if (section === null) {
    for (const v of Object.values(item)) {
      if (!v || typeof v !== 'object') continue;
      const k = findKey(v, field);
      if (k && scalar(v[k])) return String(v[k]);
    }
  }
  return undefined;
}

function tokenProblem(data) {
  const want = data.requireServiceAccountToken;
  if (!want) return null;
  const have = process.env.OP_SERVICE_ACCOUNT_TOKEN;
  if (!have) return 'error initializing client: You are not currently signed in. Please run `op signin --help` for instructions';
  if (have !== want) return 'error initializing client: (401) Unauthorized: invalid bearer token';
  return null;
}

function readSecret(ref) {
  const fail = (msg) => {
    throw new OpError(`could not read secret '${ref}': ${msg}`);
  };
  if (!/^op:\/\//i.test(ref)) fail(`invalid secret reference: secret references should match ${SHAPE}`);
  const parts = ref.slice(5).split('?')[0].split('/');
  if (parts.length > 4) fail(`too many '/': secret references should match ${SHAPE}`);
  if (parts.length < 3 || parts.some((p) => p === '')) fail(`invalid secret reference: secret references should match ${SHAPE}`);
  const [vault, item] = parts;
  const field = parts[parts.length - 1];
  const section = parts.length === 4 ? parts[2] : null;
  const data = loadVault();
  if (!data) fail('error initializing client: You are not currently signed in. Please run `op signin --help` for instructions');
  const problem = tokenProblem(data);
  if (problem) fail(problem);
  const vk = findKey(data.vaults, vault);
  if (!vk) fail(`could not get item ${vault}/${item}: "${vault}" isn't a vault in this account`);
  const ik = findKey(data.vaults[vk], item);
  if (!ik) fail(`could not get item ${vault}/${item}: "${item}" isn't an item in the "${vault}" vault. Specify the item with its UUID, name, or domain.`);
  const value = findField(data.vaults[vk][ik], section, field);
  if (value === undefined) fail(`item '${vault}/${item}' does not have a field '${field}'`);
  return value;
}

function read(words, flags) {
  if (words.length !== 1) throw new OpError(`accepts 1 arg(s), received ${words.length}`);
  const value = readSecret(words[0]);
  if (flags['out-file']) {
    const file = resolve(flags['out-file']);
    if (existsSync(file) && !flags.force) throw new OpError(`could not write secret to file: ${file} already exists; use --force to overwrite it`);
    writeFileSync(file, value);
    chmodSync(file, parseInt(flags['file-mode'] || '0600', 8));
    return `${file}\n`;
  }
  return flags['no-newline'] ? value : `${value}\n`;
}

function whoami(flags) {
  const data = loadVault();
  if (!data || tokenProblem(data)) throw new OpError('account is not signed in');
  const acct = data.account ?? {};
  const info = {
    url: acct.url ?? 'https://my.1password.com/',
    email: acct.email ?? 'operator@example.com',
    user_uuid: acct.user_uuid ?? 'EMULATORUSER0000000000000',
    account_uuid: acct.account_uuid ?? 'EMULATORACCT0000000000000',
    user_type: process.env.OP_SERVICE_ACCOUNT_TOKEN ? 'SERVICE_ACCOUNT' : acct.user_type ?? 'HUMAN',
  };
  if ((flags.format ?? process.env.OP_FORMAT) === 'json') return `${JSON.stringify(info, null, 2)}\n`;
  return `URL:          ${info.url}\nEmail:        ${info.email}\nUser ID:      ${info.user_uuid}\nUser Type:    ${info.user_type}\n`;
}

function vaultList(flags) {
  const data = loadVault();
  if (!data) throw new OpError('error initializing client: You are not currently signed in. Please run `op signin --help` for instructions');
  const names = Object.keys(data.vaults ?? {});
  if ((flags.format ?? process.env.OP_FORMAT) === 'json') {
    return `${JSON.stringify(names.map((name, i) => ({ id: `emulatorvault${i}`, name })), null, 2)}\n`;
  }
  return `ID                NAME\n${names.map((n, i) => `${`emulatorvault${i}`.padEnd(18)}${n}\n`).join('')}`;
}

function log(entry) {
  const file = process.env.OP_EMULATOR_LOG;
  if (!file) return;
  appendFileSync(file, `${JSON.stringify({ time: new Date().toISOString(), pid: process.pid, ...entry })}\n`);
}

async function main(argv) {
  const { words, flags } = parse(argv);
  if (flags.version && words.length === 0) return `${VERSION}\n`;
  const isRead = words[0] === 'read';
  log(isRead ? { command: 'read', ref: words[1] ?? null } : { command: words.join(' ') || null });
  const delay = Number(process.env.OP_EMULATOR_DELAY_MS);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  if (process.env.OP_EMULATOR_HANG === '1') await new Promise(() => setInterval(() => {}, 1 << 30));
  if (process.env.OP_EMULATOR_FAIL) throw new OpError(process.env.OP_EMULATOR_FAIL);
  if (flags.help || words.length === 0) {
    return 'Usage:  op [command] [flags]\n\nCommands:\n  read        Read a secret reference\n  vault list  List vaults\n  whoami      Get information about a signed-in account\n';
  }
  if (isRead) return read(words.slice(1), flags);
  if (words.length === 1 && words[0] === 'whoami') return whoami(flags);
  if (words[0] === 'vault' && (words[1] === 'list' || words[1] === 'ls') && words.length === 2) return vaultList(flags);
  throw new OpError(`unknown command "${words[0]}" for "op"`);
}

main(process.argv.slice(2)).then(
  (text) => {
    process.stdout.write(text);
    finish(0);
  },
  (e) => {
    const msg = e instanceof OpError ? e.message : `internal error in the op emulator: ${e?.stack ?? e}`;
    process.stderr.write(`[ERROR] ${stamp()} ${msg}\n`);
    finish(1);
  },
);
