import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/cli.js';

/** The rules of the house (README "Development"), checked over the source tree. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(PROJECT_ROOT, dir))) {
    const relative = path.join(dir, name);
    if (statSync(path.join(PROJECT_ROOT, relative)).isDirectory()) out.push(...sources(relative));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !relative.includes('__fixtures__')) out.push(relative);
  }
  return out;
}

const files = [...sources('src'), ...sources('layers')].map((file) => ({ file, text: readFileSync(path.join(PROJECT_ROOT, file), 'utf8') }));
const importsOf = (text: string) => [...text.matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)].map((match) => match[1]);

describe('house rules', () => {
  it('only src/exec starts processes (execa, child_process)', () => {
    const offenders = files.filter(({ file, text }) => !file.startsWith('src/exec/') && importsOf(text).some((spec) => spec === 'execa' || /child_process$/.test(spec)));
    expect(offenders.map(({ file }) => file)).toEqual([]);
  });

  it('layers import neither each other, nor src/cli, src/output or src/engine', () => {
    const offenders = files
      .filter(({ file }) => file.startsWith('layers/') && file !== 'layers/index.ts')
      .filter(({ file, text }) => {
        const kind = file.split('/')[1];
        return importsOf(text).some((spec) => /src\/(cli|output|engine)\//.test(spec) || (spec.startsWith('../') && !spec.startsWith('../../') && !spec.startsWith(`../${kind}/`)));
      });
    expect(offenders.map(({ file }) => file)).toEqual([]);
  });

  it('src/engine never imports a specific kind (only the registry)', () => {
    const offenders = files.filter(({ file, text }) => file.startsWith('src/engine/') && importsOf(text).some((spec) => spec.includes('layers/') && !spec.endsWith('layers/index.js')));
    expect(offenders.map(({ file }) => file)).toEqual([]);
  });

  it('nothing calls process.exit (only src/cli/main.ts sets process.exitCode)', () => {
    const offenders = files.filter(({ text }) => /process\.exit\(/.test(text));
    expect(offenders.map(({ file }) => file)).toEqual([]);
    const setters = files.filter(({ text }) => /process\.exitCode\s*=/.test(text)).map(({ file }) => file);
    expect(setters).toEqual(['src/cli/main.ts']);
  });

  it('keeps heavy modules off the --help path: main, program and the registry import no zod, execa, yaml or listr2', () => {
    const light = ['src/cli/main.ts', 'src/cli/program.ts', 'src/cli/flags.ts', 'layers/index.ts', ...files.filter(({ file }) => /^layers\/[^/]+\/index\.ts$/.test(file)).map(({ file }) => file)];
    for (const file of light) {
      const text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
      const heavy = [...text.matchAll(/^import (?!type )[^;]*from\s*['"]([^'"]+)['"]/gm)].map((match) => match[1]).filter((spec) => ['zod', 'execa', 'yaml', 'listr2', 'chalk'].includes(spec));
      expect(heavy, file).toEqual([]);
    }
  });

  it('cites only what a reader of the repo has: docs/tools or upstream docs, never the private design notes', () => {
    // Built from pieces so this file does not match itself.
    const forbidden = [['tool', 'contracts'].join('-'), ['design', 'md'].join('.'), ['conventions', 'md'].join('.'), ['..', 'shared'].join('/'), ['shared', 'reference'].join('/')];
    const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    const offenders: string[] = [];
    for (const file of tracked) {
      let text: string;
      try {
        text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
      } catch {
        continue; // deleted in the work tree
      }
      text.split('\n').forEach((line, index) => {
        const hit = forbidden.find((needle) => line.includes(needle));
        if (hit) offenders.push(`${file}:${index + 1}: ${hit}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('the faces (src/cli, src/service) reach state and git only through the engine', () => {
    const offenders = files
      .filter(({ file }) => file.startsWith('src/cli/') || file.startsWith('src/service/'))
      .filter(({ text }) => importsOf(text).some((spec) => /(^|\/)(state|git)\/[^/]+\.js$/.test(spec)));
    expect(offenders.map(({ file }) => file)).toEqual([]);
  });

  it('colour, TTY and CI are decided in one place (src/output/terminal.ts)', () => {
    const offenders = files
      .filter(({ file }) => file !== 'src/output/terminal.ts')
      .filter(({ text }) => /process\.env\.(CI|NO_COLOR|FORCE_COLOR)\b|\.isTTY\b/.test(text));
    expect(offenders.map(({ file }) => file)).toEqual([]);
  });

  it('path helpers in src/state are pure: no mkdir in a getter', () => {
    const text = readFileSync(path.join(PROJECT_ROOT, 'src/state/paths.ts'), 'utf8');
    const getters = text.split(/\nexport function /).slice(1).filter((body) => !body.startsWith('ensure'));
    expect(getters.filter((body) => /mkdir/.test(body))).toEqual([]);
  });

  it("imports zod as a namespace (import * as z): `import { z }` keeps all of zod's locales in the bundle (755 KB instead of 197 KB)", () => {
    const offenders = files.filter(({ text }) => /import\s*\{\s*z\s*\}\s*from\s*['"]zod['"]/.test(text));
    expect(offenders.map(({ file }) => file)).toEqual([]);
  });

  it('tests ask tests/helpers/ci.ts whether they run under CI: a hand-made check on CI skips tests where CI says `1` or its own name', () => {
    const tests = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '*.test.ts'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    const offenders = tests.filter((file) => file !== 'tests/architecture/house-rules.test.ts' && /process\.env\.CI\b/.test(readFileSync(path.join(PROJECT_ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
