// Kubernetes label selectors: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`,
// joined by commas (commas inside parentheses belong to the set).
import { rpcError } from './errors.mjs';

function splitTopLevel(text) {
  const parts = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function invalid(selector, why) {
  return rpcError('InvalidArgument', `error parsing labelSelector "${selector}": ${why}`);
}

function parseRequirement(part, selector) {
  let m = /^!\s*([^\s=!(),]+)$/.exec(part);
  if (m) return (labels) => !Object.hasOwn(labels, m[1]);
  m = /^([^\s=!(),]+)\s+(in|notin)\s+\((.*)\)$/.exec(part);
  if (m) {
    const [, key, op, list] = m;
    const set = new Set(list.split(',').map((s) => s.trim()).filter(Boolean));
    return op === 'in' ? (l) => Object.hasOwn(l, key) && set.has(l[key]) : (l) => !Object.hasOwn(l, key) || !set.has(l[key]);
  }
  m = /^([^\s=!(),]+)\s*(==|!=|=)\s*([^\s=!(),]*)$/.exec(part);
  if (m) {
    const [, key, op, value] = m;
    return op === '!=' ? (l) => !Object.hasOwn(l, key) || l[key] !== value : (l) => Object.hasOwn(l, key) && l[key] === value;
  }
  m = /^([^\s=!(),]+)$/.exec(part);
  if (m) return (labels) => Object.hasOwn(labels, m[1]);
  throw invalid(selector, `unable to parse requirement: "${part}"`);
}

/** Compile a selector into a predicate over an Application; empty selector matches all. */
export function compileSelector(selector) {
  if (!selector || !selector.trim()) return () => true;
  const tests = splitTopLevel(selector).map((p) => parseRequirement(p, selector));
  return (app) => {
    const labels = app.metadata?.labels ?? {};
    return tests.every((t) => t(labels));
  };
}
