import { describe, expect, it } from 'vitest';
import { repoView } from '../detect/repo-view.js';
import { readTaskScript } from '../detect/task-script.js';
import { detector as pulumi } from '../../layers/pulumi/detect.js';
import { adoptTasks } from './adopt.js';
import { candidateOf } from './candidate.js';
import type { OldTask } from './old-tasks.js';

const repo = repoView(['pulumi/tailscale/Pulumi.yaml', 'pulumi/tailscale/Pulumi.prod.yaml'], (file) => (file.endsWith('Pulumi.yaml') ? 'name: net\nruntime: yaml\n' : 'config: {}\n'));
const task = (name: string, text: string): OldTask => ({ text, script: readTaskScript(text, { name, source: 'file', file: `mise-tasks/${name}`, dir: '.', scriptDir: 'mise-tasks' }) });

describe('adoptTasks', () => {
  it('reports every line of a layer task that nobody could map, with the line and why', () => {
    const layers = pulumi.scan(repo).layers.map(candidateOf);
    const [report] = adoptTasks(layers, [], [task('net-up', 'set -e\nif [ -z "$CI" ]; then echo local; fi\ntailscale status | grep indri\ncd pulumi/tailscale\nssh-add ~/.ssh/deploy\npulumi up --stack prod --target urn:x "$@"\n')], [{ kind: 'pulumi', detector: pulumi }], repo);
    expect(report.drives?.layer).toBe(layers[0]);
    expect(report.notUnderstood).toEqual([
      { line: 2, text: 'if [ -z "$CI" ]; then echo local; fi', reason: 'shell control flow' },
      { line: 3, text: 'tailscale status | grep indri', reason: 'a pipeline' },
      { line: 5, text: 'ssh-add ~/.ssh/deploy', reason: expect.stringContaining('runs `ssh-add`, which blumeops does not do') },
      { line: 6, text: 'pulumi up --stack prod --target urn:x "$@"', reason: expect.stringContaining('`--target` is not carried over') },
    ]);
  });

  it('merges two tasks of one layer: the first one\'s values win, a conflict is reported; a task over the scan', () => {
    const layers = pulumi.scan(repo).layers.map(candidateOf);
    const reports = adoptTasks(
      layers,
      [],
      [task('net-up', 'export A=1\ncd pulumi/tailscale\npulumi up --stack prod\n'), task('net-preview', 'export A=2\nexport B=3\ncd pulumi/tailscale\npulumi preview --stack prod\n')],
      [{ kind: 'pulumi', detector: pulumi }],
      repo,
    );
    expect(layers[0]).toMatchObject({ env: { A: '1', B: '3' }, tasks: ['net-up', 'net-preview'] });
    expect(reports[1].notUnderstood).toEqual([{ line: 0, text: 'A=2', reason: 'another task of tailscale gave A another value; that one is kept' }]);
  });
});
