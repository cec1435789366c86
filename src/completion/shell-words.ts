/** A single-quoted word for bash and zsh: a quote inside becomes '\''. */
export function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A shell function name made from the program name (`blumeops` → `blumeops`, `my-ops` → `my_ops`). */
export function identifier(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}
