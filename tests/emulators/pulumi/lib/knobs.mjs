// Environment knobs that inject latency and faults. Every knob NAME may be
// limited to some commands with NAME_ON=preview,up (a word matches the command
// or its first word: `stack` matches `stack output`).

import { out } from './runtime.mjs';

const PREFIX = 'PULUMI_EMULATOR_';

function appliesTo(list, command) {
  const first = command.split(' ')[0];
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .some((x) => x === command || x === first);
}

/** Raw value of PULUMI_EMULATOR_<name> when set, non-empty and applicable to command. */
export function knob(name, command) {
  const v = process.env[PREFIX + name];
  if (v === undefined || v === '') return undefined;
  const on = process.env[`${PREFIX}${name}_ON`];
  if (on && !appliesTo(on, command)) return undefined;
  return v;
}

export function knobOn(name, command) {
  const v = knob(name, command);
  return v !== undefined && v !== '0' && v.toLowerCase() !== 'false';
}

export function knobMs(name, command) {
  const n = Number(knob(name, command));
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** PULUMI_EMULATOR_FAIL="exit:CODE:MESSAGE" (also "CODE:MESSAGE" or just "MESSAGE" = exit 1). */
export function failKnob(command) {
  const v = knob('FAIL', command);
  if (v === undefined) return null;
  const m = /^(?:exit:)?(\d+):([\s\S]*)$/.exec(v);
  if (m) return { code: Number(m[1]), message: m[2] };
  return { code: 1, message: v };
}

/** PULUMI_EMULATOR_PRINT_ENV=NAME[,NAME]: "NAME=value" lines (empty value when unset). */
export function printEnvLines(command) {
  const v = knob('PRINT_ENV', command);
  if (v === undefined) return [];
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((name) => `${name}=${process.env[name] ?? ''}`);
}

/** PULUMI_EMULATOR_DIAGNOSTIC="warning:text" | "error:text" | "info:text" (no prefix = warning). */
export function diagnosticKnob(command) {
  const v = knob('DIAGNOSTIC', command);
  if (v === undefined) return null;
  const m = /^(warning|error|info|debug|info#err):([\s\S]*)$/.exec(v);
  if (m) return { severity: m[1], message: m[2] };
  return { severity: 'warning', message: v };
}

/**
 * PULUMI_EMULATOR_RESOURCE_FAIL=name[=message][,name...]: logical names whose operation fails
 * during up, with the provider's message (else a generic one). Returns Map name -> message|null.
 */
export function resourceFailKnob(command) {
  const v = knob('RESOURCE_FAIL', command);
  const fails = new Map();
  for (const entry of (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = entry.indexOf('=');
    if (at === -1) fails.set(entry, null);
    else fails.set(entry.slice(0, at), entry.slice(at + 1));
  }
  return fails;
}

/**
 * PULUMI_EMULATOR_DRIFT="name=prop=value[;name2=prop=value]": what a refresh finds in the
 * "cloud". value is parsed as JSON when it parses, else taken as a string. A bare "name"
 * means the resource was deleted out of band.
 */
export function driftKnob(command) {
  const v = knob('DRIFT', command);
  const drifts = new Map();
  if (v === undefined) return drifts;
  for (const entry of v.split(';').map((s) => s.trim()).filter(Boolean)) {
    const first = entry.indexOf('=');
    if (first === -1) {
      drifts.set(entry, { deleted: true });
      continue;
    }
    const name = entry.slice(0, first);
    const rest = entry.slice(first + 1);
    const second = rest.indexOf('=');
    const prop = second === -1 ? rest : rest.slice(0, second);
    const raw = second === -1 ? '' : rest.slice(second + 1);
    let value = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    const d = drifts.get(name) ?? { props: {} };
    if (!d.deleted) d.props[prop] = value;
    drifts.set(name, d);
  }
  return drifts;
}

/** PULUMI_EMULATOR_KILL_SELF=SIGKILL|SIGTERM|9|KILL...: the signal to kill ourselves with. */
export function killSelfKnob(command) {
  const v = knob('KILL_SELF', command);
  if (v === undefined) return null;
  if (/^\d+$/.test(v)) return Number(v);
  return v.startsWith('SIG') ? v : `SIG${v}`;
}

/** Kill this process with sig, bypassing our own signal handlers. */
export function killSelf(sig) {
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeAllListeners(name);
  process.kill(process.pid, sig);
  return new Promise(() => {});
}

/**
 * Print a complete output text, applying MALFORMED (print a truncated copy) and
 * KILL_SELF (print the first half, then die). Returns false when the caller must stop.
 */
export async function printWithFaults(text, command) {
  const sig = killSelfKnob(command);
  if (sig !== null) {
    out(text.slice(0, Math.floor(text.length / 2)));
    await killSelf(sig);
  }
  if (knobOn('MALFORMED', command)) {
    out(malformed(text));
    return false;
  }
  out(text);
  return true;
}

/** A truncated copy that no JSON parser accepts. */
export function malformed(text) {
  if (text.length < 8) return '{"';
  return text.slice(0, Math.max(2, Math.floor(text.length * 0.6)));
}
