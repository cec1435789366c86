import { describe, expect, it } from 'vitest';
import { replaceTaskRun } from './toml-edit.js';

const TOML = `[tools]
pulumi = "3"
"pipx:ansible-core" = "2.17"

[tasks.dns-preview]
description = "Preview DNS"   # the gandi project
run = """
export GANDI_TOKEN="$(op read 'op://blumeops/gandi - api/token')"
cd pulumi/gandi && pulumi preview --stack prod
"""

[tasks."provision-sifaka"]
alias = "ps"
run = ["cd ansible", 'ansible-playbook playbooks/sifaka.yml # not a comment']
depends = ["lint"]

[tasks.lint]
run = "echo '[tasks.fake]'"
`;

describe('replaceTaskRun', () => {
  it('replaces a multi-line run and an array run, byte for byte elsewhere', () => {
    const once = replaceTaskRun(TOML, 'dns-preview', 'blumeops preview gandi');
    expect(once).toBe(TOML.replace(/run = """[\s\S]*?"""/, 'run = "blumeops preview gandi"'));
    const twice = replaceTaskRun(once as string, 'provision-sifaka', 'blumeops provision sifaka');
    expect(twice).toContain('[tasks."provision-sifaka"]\nalias = "ps"\nrun = "blumeops provision sifaka"\ndepends = ["lint"]\n');
    expect((twice as string).replace('run = "blumeops provision sifaka"', '')).toBe((once as string).replace(/run = \[.*\]/, ''));
  });

  it('gives undefined for a task that is not a [tasks.NAME] table with a run', () => {
    expect(replaceTaskRun(TOML, 'fake', 'x')).toBeUndefined();
    expect(replaceTaskRun('[tasks]\nbuild = "make"\n', 'build', 'x')).toBeUndefined();
    expect(replaceTaskRun('[tasks.x]\nfile = "scripts/x.sh"\n', 'x', 'y')).toBeUndefined();
  });
});
