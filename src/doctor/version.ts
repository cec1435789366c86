/** The first `x.y.z` in a tool's version output (`v3.230.0`, `ansible-playbook [core 2.14.18]`), or undefined. */
export function extractVersion(text: string): string | undefined {
  return /(\d+)\.(\d+)\.(\d+)/.exec(text)?.slice(1, 4).join('.');
}

/** Negative when a < b, 0 when equal, positive when a > b; compares x.y.z numerically. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
