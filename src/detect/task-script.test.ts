import { describe, expect, it } from 'vitest';
import { readTaskScript, type TaskStep } from './task-script.js';

const TAILNET_UP = `#!/usr/bin/env bash
#MISE description="Deploy the tailnet ACLs"
#MISE alias="tu"
set -euo pipefail

# credentials for the provider
TAILSCALE_OAUTH_CLIENT_ID=$(op read "op://blumeops/tailscale - blumeops/client_id")
export TAILSCALE_OAUTH_CLIENT_ID
export TAILSCALE_OAUTH_CLIENT_SECRET="$(op read --no-newline 'op://blumeops/tailscale - blumeops/client-secret')"
export TAILSCALE_TAILNET="tail8d86e.ts.net"

cd "$(dirname "$0")/../pulumi/tailscale"
uv sync --quiet || {
  echo "uv sync failed" >&2
  exit 1
}
pulumi stack select tail8d86e
pulumi up --yes "$@"
`;

const brief = (steps: TaskStep[]) => steps.map(({ line, kind, argv, cwd, passesArgs, note }) => ({ line, kind, argv, cwd, passesArgs, ...(note ? { note } : {}) }));

describe('readTaskScript', () => {
  it('reads a pulumi file task: secrets stay references, cd resolves from the script folder, fallbacks are error handling', () => {
    const task = readTaskScript(TAILNET_UP, { name: 'tailnet-up', source: 'file', file: 'mise-tasks/tailnet-up', dir: '.', scriptDir: 'mise-tasks' });
    expect(brief(task.steps)).toEqual([
      { line: 4, kind: 'ignored', argv: [], cwd: '.', passesArgs: false, note: 'shell options' },
      { line: 7, kind: 'env', argv: [], cwd: '.', passesArgs: false },
      { line: 8, kind: 'env', argv: [], cwd: '.', passesArgs: false },
      { line: 9, kind: 'env', argv: [], cwd: '.', passesArgs: false },
      { line: 10, kind: 'env', argv: [], cwd: '.', passesArgs: false },
      { line: 12, kind: 'cd', argv: [], cwd: 'pulumi/tailscale', passesArgs: false },
      { line: 13, kind: 'command', argv: ['uv', 'sync', '--quiet'], cwd: 'pulumi/tailscale', passesArgs: false },
      { line: 17, kind: 'command', argv: ['pulumi', 'stack', 'select', 'tail8d86e'], cwd: 'pulumi/tailscale', passesArgs: false },
      { line: 18, kind: 'command', argv: ['pulumi', 'up', '--yes'], cwd: 'pulumi/tailscale', passesArgs: true },
    ]);
    expect(task.steps[6].fallback).toBe('{\necho "uv sync failed" >&2\nexit 1\n}');
    expect(task.steps[8].env).toEqual({
      TAILSCALE_OAUTH_CLIENT_ID: { secret: 'op://blumeops/tailscale - blumeops/client_id' },
      TAILSCALE_OAUTH_CLIENT_SECRET: { secret: 'op://blumeops/tailscale - blumeops/client-secret' },
      TAILSCALE_TAILNET: { literal: 'tail8d86e.ts.net' },
    });
    expect(task.wrapper).toBe(false);
  });

  it('reads a toml run: && splits, the last command gets the arguments, {{config_root}} is the root', () => {
    const task = readTaskScript('cd {{config_root}}/ansible && ANSIBLE_FORCE_COLOR=1 ansible-playbook playbooks/sifaka.yml', { name: 'provision-sifaka', source: 'toml', file: 'mise.toml', dir: '.', scriptDir: '.' });
    expect(brief(task.steps)).toEqual([
      { line: 1, kind: 'cd', argv: [], cwd: 'ansible', passesArgs: false },
      { line: 1, kind: 'command', argv: ['ansible-playbook', 'playbooks/sifaka.yml'], cwd: 'ansible', passesArgs: true },
    ]);
    expect(task.steps[1].env).toEqual({ ANSIBLE_FORCE_COLOR: { literal: '1' } });
  });

  it('reports what it cannot read, and knows a blumeops wrapper', () => {
    const task = readTaskScript('export PATH="$HOME/bin:$PATH"\ncd /opt/elsewhere\nif true; then echo x; fi\nkubectl get pods | grep web\nexport TOKEN=$(cat token)\n', { name: 't', source: 'file', file: 'mise-tasks/t', dir: '.', scriptDir: 'mise-tasks' });
    expect(task.steps.map((step) => [step.kind, step.note])).toEqual([
      ['unknown', 'cannot read the value of PATH'],
      ['unknown', 'a folder blumeops cannot resolve inside the repo'],
      ['unknown', 'shell control flow'],
      ['unknown', 'a pipeline'],
      ['unknown', 'cannot read the value of TOKEN'],
    ]);
    expect(readTaskScript('#!/bin/sh\nexec blumeops up tailnet "$@"\n', { name: 'w', source: 'file', file: 'w', dir: '.', scriptDir: '.' }).wrapper).toBe(true);
  });
});
