import { Chalk } from 'chalk';

/** The few colours blumeops uses; a no-colour Paint returns text unchanged. */
export interface Paint {
  create(text: string): string;
  update(text: string): string;
  delete(text: string): string;
  replace(text: string): string;
  sync(text: string): string;
  warn(text: string): string;
  error(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  ok(text: string): string;
}

export function createPaint(color: boolean): Paint {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return {
    create: chalk.green,
    update: chalk.yellow,
    delete: chalk.red,
    replace: chalk.magenta,
    sync: chalk.cyan,
    warn: chalk.yellow,
    error: chalk.red,
    dim: chalk.dim,
    bold: chalk.bold,
    ok: chalk.green,
  };
}
