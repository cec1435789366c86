/** The last `count` non-empty lines of a text. */
export function tail(text: string, count = 15): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.slice(-count).join('\n');
}
