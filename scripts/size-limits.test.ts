import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The size limits in eslint.config.js, tried on planted files: 300 lines a file, 60 lines of logic a
// function, markup aside. Only these rules run, so an unused variable is not what fails a case.
const SIZE_RULES = new Set(['max-lines', 'max-lines-per-function', 'local/max-logic-lines-per-function']);
const eslint = new ESLint({ ruleFilter: ({ ruleId }) => SIZE_RULES.has(ruleId) });

async function sizeErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const range = (count: number) => Array.from({ length: count }, (_, i) => i);
/** `count` lines of logic, one statement each. */
const statements = (count: number) => range(count).map((i) => `  const v${i} = ${i} + 1;`);
/** `count` lines of JSX markup (list items), for inside a <ul>. */
const items = (count: number) => range(count).map((i) => `      <li key="${i}">{v0}</li>`);

/** A function of `body` lines; with the lines of its signature and closing brace it spans body + 2. */
const fn = (body: string[]) => ['export function planted(): number {', ...body, '}'].join('\n');

/** A component with `logic` statements before markup of `markup` list items. */
function component(logic: number, markup: number): string {
  return [
    'export function Planted() {',
    ...statements(logic),
    '  return (',
    '    <ul>',
    ...items(markup),
    '    </ul>',
    '  );',
    '}',
  ].join('\n');
}

describe('size limits', () => {
  it('a file over 300 lines is an error; a test file is not held to it', async () => {
    const code = range(301)
      .map((i) => `export const c${i} = ${i};`)
      .join('\n');
    expect(await sizeErrors('src/ui/store/planted.ts', code)).toEqual([
      'max-lines: File has too many lines (301). Maximum allowed is 300.',
    ]);
    expect(await sizeErrors('src/ui/store/planted.test.ts', code)).toEqual([]);
    expect(await sizeErrors('src/ui/store/planted.ts', code.split('\n').slice(1).join('\n'))).toEqual([]);
  });

  it('a function over 60 lines is an error; blank and comment lines do not count', async () => {
    // 58 statements + `return` + the two lines of the function itself: 61.
    const long = fn([...statements(58), '  return v0;']);
    expect(await sizeErrors('src/worker/planted.ts', long)).toEqual([
      "max-lines-per-function: Function 'planted' has too many lines (61). Maximum allowed is 60.",
    ]);
    const spaced = fn([...statements(57), '', '  // why', '  return v0;']);
    expect(await sizeErrors('scripts/planted.ts', spaced)).toEqual([]);
  });

  it("a component's markup does not count, its logic does", async () => {
    // 20 lines of logic and 100 of markup: a long layout is not a long function.
    expect(await sizeErrors('src/ui/Planted.tsx', component(20, 100))).toEqual([]);
    // 58 statements + the signature, `return (`, `);` and the closing brace: 62 lines of logic.
    expect(await sizeErrors('src/ui/Planted.tsx', component(58, 3))).toEqual([
      "local/max-logic-lines-per-function: Function 'Planted' has too many lines of logic outside JSX " +
        'markup (62). Maximum allowed is 60.',
    ]);
  });

  it('a long callback written inside the markup is measured on its own', async () => {
    const code = [
      'export function Planted() {',
      '  return (',
      '    <button',
      '      onClick={() => {',
      ...statements(60).map((line) => `      ${line}`),
      '      }}',
      '    />',
      '  );',
      '}',
    ].join('\n');
    const errors = await sizeErrors('src/ui/Planted.tsx', code);
    expect(errors).toEqual([
      'local/max-logic-lines-per-function: Arrow function has too many lines of logic outside JSX markup ' +
        '(62). Maximum allowed is 60.',
    ]);
  });
});
