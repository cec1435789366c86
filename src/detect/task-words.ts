/**
 * Splits one line of a task script into commands and words, the way bash would for the small
 * subset homelab tasks use: quotes, `\` escapes, `$NAME` / `${NAME}`, `"$@"`, `$( … )`, and the
 * operators `&&`, `||`, `;`, `|`. Hand-written: no shell parser library handles `$( … )` with quotes
 * inside, and nothing here is ever executed — it is only read to be understood.
 */

/** One piece of a word: text, the task's arguments, `$( … )` or a `$NAME` not known here. */
export type WordPart = { text: string } | { args: true } | { substitution: string } | { variable: string };

export type Word = WordPart[];

/** A simple command between operators, with the operator that follows it. */
export interface Segment {
  words: Word[];
  /** The source text of the segment. */
  text: string;
  /** `&&`, `||`, `;`, `|`, or '' at the end of the line. */
  then: string;
}

export function splitLine(line: string): Segment[] {
  const segments: Segment[] = [];
  let words: Word[] = [];
  let word: Word | undefined;
  let start = 0;
  const push = (part: WordPart) => {
    word ??= [];
    const last = word.at(-1);
    if ('text' in part && last && 'text' in last) last.text += part.text;
    else word.push(part);
  };
  const endWord = () => {
    // `"$@"` is the arguments alone; `""` stays one empty word.
    if (word) words.push(word.length > 1 ? word.filter((part) => !('text' in part) || part.text !== '') : word);
    word = undefined;
  };
  const endSegment = (at: number, then: string) => {
    endWord();
    segments.push({ words, text: line.slice(start, at).trim(), then });
    words = [];
    start = at + then.length;
  };
  let index = 0;
  while (index < line.length) {
    const char = line[index];
    if (char === '#' && word === undefined) break;
    if (/\s/.test(char)) {
      endWord();
      index++;
    } else if (line.startsWith('&&', index) || line.startsWith('||', index)) {
      endSegment(index, line.slice(index, index + 2));
      index += 2;
    } else if (char === ';' || char === '|') {
      endSegment(index, char);
      index++;
    } else if (char === "'") {
      const close = line.indexOf("'", index + 1);
      const end = close === -1 ? line.length : close;
      push({ text: line.slice(index + 1, end) });
      index = end + 1;
    } else if (char === '"') {
      index = readDouble(line, index + 1, push);
    } else if (char === '\\') {
      push({ text: line[index + 1] ?? '' });
      index += 2;
    } else if (char === '$') {
      index = readDollar(line, index, push);
    } else {
      push({ text: char });
      index++;
    }
  }
  endSegment(line.length, '');
  return segments.filter((segment) => segment.words.length > 0 || segment.then !== '');
}

function readDouble(line: string, from: number, push: (part: WordPart) => void): number {
  let index = from;
  push({ text: '' });
  while (index < line.length && line[index] !== '"') {
    if (line[index] === '\\' && index + 1 < line.length && '"\\$`'.includes(line[index + 1])) {
      push({ text: line[index + 1] });
      index += 2;
    } else if (line[index] === '$') {
      index = readDollar(line, index, push);
    } else {
      push({ text: line[index] });
      index++;
    }
  }
  return index + 1;
}

/** `$@`, `$*`, `$NAME`, `${…}`, `$( … )` (nested parentheses and quotes), or a lone `$`. */
function readDollar(line: string, at: number, push: (part: WordPart) => void): number {
  const next = line[at + 1];
  if (next === '@' || next === '*') {
    push({ args: true });
    return at + 2;
  }
  if (next === '(') {
    const end = closing(line, at + 1);
    push({ substitution: line.slice(at + 2, end).trim() });
    return end + 1;
  }
  if (next === '{') {
    const end = line.indexOf('}', at);
    const inner = line.slice(at + 2, end === -1 ? line.length : end);
    if (inner === '@' || inner === '*') push({ args: true });
    else push({ variable: inner });
    return end === -1 ? line.length : end + 1;
  }
  const name = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9]/.exec(line.slice(at + 1));
  if (!name) {
    push({ text: '$' });
    return at + 1;
  }
  push({ variable: name[0] });
  return at + 1 + name[0].length;
}

/** The index of the `)` that closes the `(` at `open`, skipping quoted text. */
function closing(line: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let index = open; index < line.length; index++) {
    const char = line[index];
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"') index++;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return index;
  }
  return line.length;
}

/** The word as plain text, or undefined when any part of it is not text. */
export function literal(word: Word): string | undefined {
  let text = '';
  for (const part of word) {
    if (!('text' in part)) return undefined;
    text += part.text;
  }
  return text;
}

/** The word's source, for messages: text as is, other parts as the shell wrote them. */
export function shown(word: Word): string {
  return word.map((part) => ('text' in part ? part.text : 'args' in part ? '"$@"' : 'substitution' in part ? `$(${part.substitution})` : `$${part.variable}`)).join('');
}

export function isArgs(word: Word): boolean {
  return word.length === 1 && 'args' in word[0];
}
