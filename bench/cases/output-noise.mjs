/** The output-stream case's 100 MB: log-like lines of ~100 bytes; one in 8 carries a secret (cycling). */
import { closeSync, openSync, writeSync } from 'node:fs';

const PAD = 'x'.repeat(60);

/** Writes ~`bytes` of lines to `file`; returns how many secret occurrences it wrote. */
export function writeNoise(file, bytes, secrets) {
  const fd = openSync(file, 'w');
  let written = 0;
  let occurrences = 0;
  let n = 0;
  try {
    while (written < bytes) {
      const lines = [];
      for (let i = 0; i < 8192; i++, n++) {
        const secret = n % 8 === 0 ? secrets[(n / 8) % secrets.length] : null;
        if (secret) occurrences += 1;
        lines.push(`I1126 04:15:00.${String(n % 1e6).padStart(6, '0')} plugin.go:42] ${secret ? `token=${secret} ` : ''}${PAD}\n`);
      }
      const chunk = lines.join('');
      written += writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
  return occurrences;
}
