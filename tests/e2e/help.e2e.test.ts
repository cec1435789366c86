import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { blumeops, PROJECT_ROOT } from '../helpers/cli.js';

const commands = buildProgram({ code: 0 }, [], 'blumeops')
  .commands.filter((command) => !command.name().startsWith('__'))
  .map((command) => command.name());

describe('help', () => {
  it.each(commands)('`blumeops %s --help` has a description and an example', async (name) => {
    const result = await blumeops([name, '--help'], { cwd: PROJECT_ROOT });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: blumeops /);
    expect(result.stdout.split('\n')[2].trim().length).toBeGreaterThan(10);
    expect(result.stdout).toMatch(/Examples?:\n {2}blumeops /);
  });

  it('`blumeops help <command>` works', async () => {
    const result = await blumeops(['help', 'sync'], { cwd: PROJECT_ROOT });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: blumeops sync');
  });

  it('suggests the nearest command and flag', async () => {
    const command = await blumeops(['pln'], { cwd: PROJECT_ROOT });
    expect(command.code).toBe(1);
    expect(command.stderr).toContain("unknown command 'pln'");
    expect(command.stderr).toContain('(Did you mean plan?)');
    const flag = await blumeops(['plan', '--jsn'], { cwd: PROJECT_ROOT });
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('(Did you mean --json?)');
  });
});

describe('bad flag values', () => {
  const cases: [string, string[]][] = [
    ['--concurrency', ['plan', '--concurrency', '0']],
    ['--concurrency', ['apply', '--concurrency', '-1']],
    ['--concurrency', ['status', '--concurrency', 'x']],
    ['--max-bytes', ['context', '--max-bytes', 'x']],
    ['--cycles', ['watch', '--cycles', 'x']],
    ['--interval', ['watch', '--interval', '0']],
    ['-n', ['history', '-n', 'x']],
  ];

  it.each(cases)('%s: one line naming the flag, exit 1; with --json or --format json one JSON error document', async (flag, args) => {
    const plain = await blumeops(args, { cwd: PROJECT_ROOT });
    expect(plain.code).toBe(1);
    expect(plain.stdout).toBe('');
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    expect(plain.stderr).toContain(flag);

    const json = args[0] === 'context' ? [...args, '--format', 'json'] : [...args, '--json'];
    const result = await blumeops(json, { cwd: PROJECT_ROOT });
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout) as { error: { message: string }; exitCode: number };
    expect(document.exitCode).toBe(1);
    expect(document.error.message).toContain(flag);
  });
});
