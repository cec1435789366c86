import parsePrometheusTextFormat, { type PromFamily } from 'parse-prometheus-text-format';

export type { PromFamily };

/** Parses a scrape with a Prometheus text-format parser (it throws on a malformed line). */
export function parseMetrics(text: string): Map<string, PromFamily> {
  return new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
}

/** The value of the one sample of `name` whose labels include `labels` (undefined when none). */
export function sampleValue(families: Map<string, PromFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  const sample = families.get(name)?.metrics.find((metric) => Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value));
  if (!sample) return undefined;
  return Number(sample.value ?? sample.count);
}
