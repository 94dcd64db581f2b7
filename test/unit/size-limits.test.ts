import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_COMPONENT_LINES, MAX_FILE_LINES, MAX_FUNCTION_LINES } from '../../eslint/size-limits.js';

/**
 * The size rule of issue 11 as the linter applies it to this repository (eslint.config.js), on
 * made-up sources linted under real paths: the files themselves are never written.
 */
const root = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function problems(filePath: string, text: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(root, filePath) });
  return result!.messages;
}

const rulesOf = (messages: Linter.LintMessage[]): (string | null)[] => messages.map((m) => m.ruleId);

/** A module of exactly `lines` lines (as `wc -l` counts them). */
function moduleOf(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `export const value${i} = ${i};`).join('\n') + '\n';
}

/** A function whose body has `statements` lines of code. */
function functionOf(name: string, statements: number, before = ''): string {
  const body = Array.from({ length: statements }, (_, i) => `  total += ${i};`).join('\n');
  return `${before}export function ${name}(): number {\n  let total = 0;\n${body}\n  return total;\n}\n`;
}

describe('the file-size rule (issue 11: small modules)', { timeout: 60_000 }, () => {
  it(`refuses a source file over ${MAX_FILE_LINES} lines in electron/, renderer/src/ and shared/, and accepts one at the limit`, async () => {
    for (const where of ['electron/zz-probe.ts', 'renderer/src/zz-probe.ts', 'shared/zz-probe.ts']) {
      expect(rulesOf(await problems(where, moduleOf(MAX_FILE_LINES + 1)))).toEqual(['max-lines']);
      expect(await problems(where, moduleOf(MAX_FILE_LINES))).toEqual([]);
    }
  });

  it('counts comment and blank lines too, as wc -l does', async () => {
    const text = moduleOf(10) + '\n'.repeat(200) + '// why\n'.repeat(MAX_FILE_LINES - 210 + 1);
    expect(rulesOf(await problems('shared/zz-probe.ts', text))).toEqual(['max-lines']);
  });

  it('lets the named code lists be as long as the lists they copy', async () => {
    expect(await problems('shared/codes/states.ts', moduleOf(MAX_FILE_LINES + 100))).toEqual([]);
  });

  it(`refuses a function over ${MAX_FUNCTION_LINES} lines of code without a reason, and accepts it with one`, async () => {
    expect(await problems('electron/zz-probe.ts', functionOf('atLimit', MAX_FUNCTION_LINES - 4))).toEqual([]);
    expect(rulesOf(await problems('electron/zz-probe.ts', functionOf('tooLong', MAX_FUNCTION_LINES - 3)))).toEqual(['max-lines-per-function']);
    const reason = '// eslint-disable-next-line max-lines-per-function -- a table of wire fields, one a line\n';
    expect(await problems('electron/zz-probe.ts', functionOf('tooLong', MAX_FUNCTION_LINES - 3, reason))).toEqual([]);
  });

  it('does not count comments and blank lines inside a function', async () => {
    const spaced = functionOf('spaced', MAX_FUNCTION_LINES - 4).replace(/\n {2}total/g, '\n\n  // a reason\n  total');
    expect(await problems('shared/zz-probe.ts', spaced)).toEqual([]);
  });

  it('refuses a reason left on a function that has become short', async () => {
    const stale = functionOf('short', 5, '// eslint-disable-next-line max-lines-per-function -- it was long once\n');
    const messages = await problems('shared/zz-probe.ts', stale);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toMatch(/Unused eslint-disable directive/);
  });

  it(`gives a React component ${MAX_COMPONENT_LINES} lines of code, then asks for a reason`, async () => {
    const component = (lines: number): string =>
      `export function Probe() {\n  return (\n    <ul>\n${Array.from({ length: lines - 6 }, (_, i) => `      <li>${i}</li>`).join('\n')}\n    </ul>\n  );\n}\n`;
    expect(await problems('renderer/src/zz-probe.tsx', component(MAX_COMPONENT_LINES))).toEqual([]);
    expect(rulesOf(await problems('renderer/src/zz-probe.tsx', component(MAX_COMPONENT_LINES + 1)))).toEqual(['max-lines-per-function']);
  });
});
