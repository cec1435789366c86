import { describe, expect, it } from 'vitest';
import { BlumeopsError } from '../errors.js';
import { appendTasks, definedTasks, wrapperTasks } from './mise-tasks.js';

const LAYERS = [
  { name: 'tailnet', kind: 'pulumi', verbs: { apply: 'up', plan: 'preview' } },
  { name: 'indri', kind: 'ansible', verbs: { apply: 'provision', plan: 'check' } },
  { name: 'argocd', kind: 'argocd', verbs: { apply: 'sync', plan: 'diff' } },
];

describe('wrapperTasks', () => {
  it('gives the task names the operator already types', () => {
    expect(wrapperTasks(LAYERS).map((task) => `${task.name} = ${task.run}`)).toEqual([
      'tailnet-up = blumeops up tailnet',
      'tailnet-preview = blumeops preview tailnet',
      'provision-indri = blumeops provision indri',
      'check-indri = blumeops check indri',
      'argocd-sync = blumeops sync argocd',
      'argocd-diff = blumeops diff argocd',
      'blumeops-plan = blumeops plan',
      'blumeops-status = blumeops status',
    ]);
  });
});

describe('definedTasks', () => {
  it('sees tables, quoted tables, keys in [tasks], dotted keys, and not text in multi-line strings', () => {
    const toml = [
      '[tools]',
      'pulumi = "3"',
      '[tasks.a]',
      'run = "x"',
      "[ tasks . \"b c\" ] # quoted",
      '[tasks]',
      'd = "echo d"',
      "'e' = { run = 'x' }",
      'f.run = "y"',
      '[tasks.g]',
      'run = """',
      '[tasks.not-a-task]',
      'x = 1',
      '"""',
      '[env]',
      'h = "1"',
    ].join('\n');
    expect([...definedTasks(toml)].sort()).toEqual(['a', 'b c', 'd', 'e', 'f', 'g']);
    expect([...definedTasks('tasks = { a = "x" }\n')]).toEqual(['a']);
    expect([...definedTasks('[env]\ntasks = { a = "x" }\n')]).toEqual([]);
  });
});

describe('appendTasks', () => {
  const tasks = wrapperTasks(LAYERS.slice(0, 1));

  it('creates a file when there is none', () => {
    const { text, added, kept } = appendTasks(undefined, tasks);
    expect(added).toEqual(['tailnet-up', 'tailnet-preview', 'blumeops-plan', 'blumeops-status']);
    expect(kept).toEqual([]);
    expect(text).toMatch(/^# mise tasks of this infra repo/);
    expect(text).toContain('[tasks.tailnet-up]\ndescription = "Apply the tailnet layer (pulumi) through blumeops"\nrun = "blumeops up tailnet"\n\n[tasks.tailnet-preview]');
  });

  it('keeps the existing text byte for byte and leaves tasks of the same name alone', () => {
    const existing = '[tools]\nnode = "20"\r\n\r\n[tasks."tailnet-up"]\r\nrun = "pulumi up"';
    const { text, added, kept } = appendTasks(existing, tasks, new Set(['blumeops-status']));
    expect(text.startsWith(existing)).toBe(true);
    expect(kept).toEqual(['tailnet-up', 'blumeops-status']);
    expect(added).toEqual(['tailnet-preview', 'blumeops-plan']);
    expect(text.slice(existing.length)).toMatch(/^\r\n\r\n# blumeops wrappers/);
    expect(text).toContain('[tasks.tailnet-preview]\r\n');
    expect([...definedTasks(text)]).toEqual(['tailnet-up', 'tailnet-preview', 'blumeops-plan']);
  });

  it('changes nothing when every task exists, and refuses an inline tasks table', () => {
    const all = tasks.map((task) => `[tasks.${task.name}]\nrun = "x"\n`).join('');
    expect(appendTasks(all, tasks)).toEqual({ text: all, added: [], kept: tasks.map((task) => task.name) });
    expect(() => appendTasks('tasks = { x = "y" }\n', tasks)).toThrow(BlumeopsError);
  });
});
