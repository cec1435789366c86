import { describe, expect, it } from 'vitest';
import { BlumeopsError, InterruptedError, ToolError } from '../../src/errors.js';
import { capturedRun } from './__fixtures__/load.js';
import { failureOf } from './failures.js';
import { summarizeRun } from './parse.js';
import { stderrWarnings } from './stderr.js';

function failure(name: string) {
  const result = capturedRun(name);
  return failureOf(result, summarizeRun(result.stdout), '/TMP/work');
}

describe('exit codes → errors', () => {
  it('0 is no error', () => {
    expect(failure('check-changes')).toBeUndefined();
  });

  it('2 with a failed task names host, task and message, with stderr and the log in the hint', () => {
    const error = failure('failed');
    expect(error).toBeInstanceOf(ToolError);
    expect(error?.message).toBe('localhost: task "install caddy" failed: non-zero return code');
    expect(error?.hint).toContain('rc=100');
    expect(error?.hint).toContain('stderr: E: Unable to locate package caddy');
    expect(error?.hint).toContain('full output: /logs/run.log');
    expect((error as ToolError).toolExitCode).toBe(2);
  });

  it('4 with an unreachable host names it and the reason', () => {
    const error = failure('unreachable');
    expect(error?.message).toBe(
      'indri: unreachable (task "write caddy config"): Failed to connect to the host via ssh: ssh: connect to host 127.0.0.1 port 1: Connection refused',
    );
    expect(error?.hint).toContain('ansible_host');
  });

  it('4 without events is a parse error pointing at file:line:col', () => {
    const error = failure('syntax-error');
    expect(error).toBeInstanceOf(BlumeopsError);
    expect(error?.message).toBe("ansible could not parse syntax-error.yml:8:6: YAML syntax error: did not find expected '-' indicator");
    expect(error?.location).toEqual({ file: 'syntax-error.yml', line: 8, col: 6 });
    expect(error?.hint).toContain('^ here');
  });

  it('a parse error that is not YAML keeps ansible\'s own message', () => {
    const stderr = "ERROR! 'bogus' is not a valid attribute for a Play\n\nThe error appears to be in '/TMP/work/site.yml': line 1, column 3, but may\nbe elsewhere in the file depending on the exact syntax problem.\n";
    const error = failureOf({ command: 'ansible-playbook', logPath: '/l', exitCode: 4, stdout: '', stderr }, summarizeRun(''), '/TMP/work');
    expect(error?.message).toBe("ansible could not parse site.yml:1:3: 'bogus' is not a valid attribute for a Play");
    expect(error?.hint).toBe('full output: /l');
  });

  it('2 without events is a rejected command line (argparse)', () => {
    const error = failure('bad-options');
    expect(error?.message).toBe('ansible-playbook rejected its arguments: unrecognized arguments: --no-such-flag');
    expect(error?.hint).toContain('arguments after `--`');
  });

  it('1 is the AnsibleError message', () => {
    const error = failure('no-hosts');
    expect(error?.message).toBe('ansible-playbook: Specified inventory, host pattern and/or --limit leaves us with no hosts to target.');
    expect(error?.hint).toContain('`limit`');
  });

  it('99 is an interruption', () => {
    const result = { command: 'ansible-playbook', logPath: '/l', exitCode: 99, stdout: '', stderr: '[ERROR]: User interrupted execution\n' };
    expect(failureOf(result, summarizeRun(''), '/')).toBeInstanceOf(InterruptedError);
  });
});

describe('stderr warnings', () => {
  it('reads [WARNING] lines and joins wrapped ones', () => {
    expect(stderrWarnings(capturedRun('no-hosts').stderr)).toEqual(['Could not match supplied host pattern, ignoring: nosuch']);
    const wrapped = '[WARNING]: provided hosts list is empty, only localhost is available. Note that\nthe implicit localhost does not match \'all\'\n';
    expect(stderrWarnings(wrapped)).toEqual(["provided hosts list is empty, only localhost is available. Note that the implicit localhost does not match 'all'"]);
  });
});
