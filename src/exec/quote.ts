/** A command line for a person to read (and paste): arguments quoted only where needed. */
export function formatCommand(tool: string, args: readonly string[]): string {
  return [tool, ...args].map(quote).join(' ');
}

function quote(argument: string): string {
  if (argument !== '' && /^[\w@%+=:,./-]+$/.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}
