/**
 * The screen a terminal of `cols` x `rows` shows after receiving `output`: enough of a VT100/xterm to
 * replay what listr2 and readline send (text with auto-wrap, CR/LF/BS/TAB, cursor moves, erase in line
 * and display, colours ignored). Returns every line, the ones scrolled off the top included, without
 * trailing blanks. A test reads the final screen from it instead of guessing from a stream of frames.
 */
export function finalScreen(output: string, cols: number, rows: number): string[] {
  const lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  let wrapPending = false;
  const top = () => Math.max(0, lines.length - rows);
  const line = (index: number) => (lines[index] ??= []);
  const down = () => {
    row += 1;
    while (lines.length <= row) lines.push([]);
  };
  const put = (char: string) => {
    if (wrapPending) {
      down();
      col = 0;
      wrapPending = false;
    }
    const current = line(row);
    while (current.length < col) current.push(' ');
    current[col] = char;
    if (col === cols - 1) wrapPending = true;
    else col += 1;
  };

  let index = 0;
  while (index < output.length) {
    const char = output[index];
    if (char === '\x1b') {
      index = escape(output, index, (final, params) => {
        const n = Math.max(1, params[0] ?? 1);
        wrapPending = false;
        if (final === 'A') row = Math.max(top(), row - n);
        else if (final === 'B') for (let step = 0; step < n; step++) down();
        else if (final === 'C') col = Math.min(cols - 1, col + n);
        else if (final === 'D') col = Math.max(0, col - n);
        else if (final === 'G') col = Math.min(cols - 1, n - 1);
        else if (final === 'E' || final === 'F') {
          if (final === 'E') for (let step = 0; step < n; step++) down();
          else row = Math.max(top(), row - n);
          col = 0;
        } else if (final === 'H' || final === 'f') {
          row = top() + Math.max(1, params[0] ?? 1) - 1;
          col = Math.max(1, params[1] ?? 1) - 1;
          while (lines.length <= row) lines.push([]);
        } else if (final === 'K') {
          const mode = params[0] ?? 0;
          const current = line(row);
          if (mode === 0) current.length = Math.min(current.length, col);
          else if (mode === 1) current.fill(' ', 0, col + 1);
          else current.length = 0;
        } else if (final === 'J') {
          const mode = params[0] ?? 0;
          if (mode === 0) {
            line(row).length = Math.min(line(row).length, col);
            lines.length = row + 1;
          } else if (mode === 2 || mode === 3) for (let at = top(); at < lines.length; at++) lines[at] = [];
        }
      });
      continue;
    }
    if (char === '\r') {
      col = 0;
      wrapPending = false;
    } else if (char === '\n') {
      down();
      wrapPending = false;
    } else if (char === '\b') col = Math.max(0, col - 1);
    else if (char === '\t') col = Math.min(cols - 1, (Math.floor(col / 8) + 1) * 8);
    else if (char >= ' ' && char !== '\x7f') put(char);
    index += 1;
  }
  const text = lines.map((cells) => cells.join('').replace(/\s+$/, ''));
  while (text.length > 0 && text.at(-1) === '') text.pop();
  return text;
}

/** Reads one escape sequence at `start`; calls `csi` for a CSI one; returns where the next byte is. */
function escape(output: string, start: number, csi: (final: string, params: number[]) => void): number {
  const kind = output[start + 1];
  if (kind === '[') {
    const match = /^\[([0-9;?>=]*)([ -/]*)([@-~])/.exec(output.slice(start + 1, start + 64));
    if (!match) return start + 2;
    if (!match[1].startsWith('?') && !match[2]) {
      csi(match[3], match[1] === '' ? [] : match[1].split(';').map((part) => (part === '' ? 1 : Number(part))));
    }
    return start + 1 + match[0].length;
  }
  if (kind === ']') {
    // OSC: up to BEL or ST.
    const bell = output.indexOf('\x07', start);
    const st = output.indexOf('\x1b\\', start);
    const ends = [bell === -1 ? Infinity : bell + 1, st === -1 ? Infinity : st + 2];
    const end = Math.min(...ends);
    return end === Infinity ? output.length : end;
  }
  return start + 2;
}

/** Whether the terminal's cursor was left hidden (a `?25l` with no later `?25h`). */
export function cursorLeftHidden(output: string): boolean {
  return output.lastIndexOf('\x1b[?25l') > output.lastIndexOf('\x1b[?25h');
}
