/**
 * A case's result rows: what the table and the JSON file show. Every row has the medians of blumeops
 * and of its baseline (ms), their ratio, the measured quantity the target is about, the target, met.
 */
import { fmtKB, fmtMs } from './measure.mjs';

/** The common shape; `ours`/`base` are stats() results (base may be undefined). */
export function row({ label, ours, base, measured, target, met, notes = [], extra = {} }) {
  return {
    label,
    blumeopsMs: round(ours.ms),
    baselineMs: base ? round(base.ms) : null,
    ratio: base ? Number((ours.ms / base.ms).toFixed(3)) : null,
    measured,
    target,
    met,
    blumeopsPeakRssMB: Number.isFinite(ours.rssKB) ? Math.round(ours.rssKB / 1024) : null,
    notes,
    samplesMs: { blumeops: ours.samplesMs, baseline: base?.samplesMs ?? [] },
    ...extra,
  };
}

/** Target: blumeops / baseline ≤ max. */
export function ratioRow(label, ours, base, max, notes) {
  const ratio = ours.ms / base.ms;
  return row({ label, ours, base, measured: `${ratio.toFixed(2)}×`, target: `≤ ${max.toFixed(2)}×`, met: ratio <= max, notes });
}

/** Target: blumeops − baseline ≤ maxMs. */
export function deltaRow(label, ours, base, maxMs, notes) {
  const delta = ours.ms - base.ms;
  return row({ label, ours, base, measured: `+${Math.round(delta)} ms`, target: `≤ +${maxMs} ms`, met: delta <= maxMs, notes });
}

/** The peak RSS part of a target, as text and as a verdict. */
export function rssCheck(ours, maxMB) {
  const mb = ours.rssKB / 1024;
  return { text: `${fmtKB(ours.rssKB)} peak`, met: mb <= maxMB, target: `≤ ${maxMB} MB` };
}

export { fmtKB, fmtMs };

function round(ms) {
  return Number.isFinite(ms) ? Math.round(ms) : null;
}
