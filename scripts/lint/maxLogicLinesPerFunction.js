// ESLint's max-lines-per-function, minus JSX markup: a component's logic is held to the same limit as any
// other function, while its markup may run as long as the layout needs. Markup is split by extracting
// components where that reads better, a judgement no line count can make.
//
// A function's lines are those holding code (blank and comment-only lines do not count, as with
// max-lines-per-function's skipBlankLines and skipComments), less the lines of the JSX elements and
// fragments inside it. A line where code comes before the JSX (`const icon = <Icon />`) stays logic. A
// callback written inside the markup (`onClick={() => { … }}`) is markup to the component around it, and
// is measured on its own as a function.

const FUNCTIONS = ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'];

/** @type {import('eslint').Rule.RuleModule} */
export const maxLogicLinesPerFunction = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Limit the lines of logic (code outside JSX markup) in a function.' },
    schema: [
      {
        type: 'object',
        properties: { max: { type: 'integer', minimum: 1 } },
        additionalProperties: false,
      },
    ],
    messages: {
      tooLong:
        '{{name}} has too many lines of logic outside JSX markup ({{count}}). Maximum allowed is {{max}}.',
    },
  },
  create(context) {
    const max = context.options[0]?.max ?? 60;
    const sourceCode = context.sourceCode;
    const functions = [];
    const markup = [];
    const collect = (node) => functions.push(node);
    return {
      ...Object.fromEntries(FUNCTIONS.map((type) => [type, collect])),
      JSXElement: (node) => markup.push(node),
      JSXFragment: (node) => markup.push(node),
      'Program:exit'() {
        const codeLines = linesWithCode(sourceCode);
        for (const fn of functions) {
          const count = logicLines(fn, codeLines, markup, sourceCode);
          if (count <= max) continue;
          const name = functionName(fn);
          context.report({ node: fn, messageId: 'tooLong', data: { name, count, max } });
        }
      },
    };
  },
};

/** Lines that hold at least part of a token (a multi-line string or template holds all its lines). */
function linesWithCode(sourceCode) {
  const lines = new Set();
  for (const token of sourceCode.ast.tokens) {
    for (let line = token.loc.start.line; line <= token.loc.end.line; line++) lines.add(line);
  }
  return lines;
}

function logicLines(fn, codeLines, markup, sourceCode) {
  const [start, end] = fn.range;
  const markupLines = new Set();
  for (const jsx of markup) {
    if (jsx.range[0] < start || jsx.range[1] > end) continue;
    const firstOnItsLine = sourceCode.getTokenBefore(jsx)?.loc.end.line !== jsx.loc.start.line;
    const from = firstOnItsLine ? jsx.loc.start.line : jsx.loc.start.line + 1;
    for (let line = from; line <= jsx.loc.end.line; line++) markupLines.add(line);
  }
  let count = 0;
  for (let line = fn.loc.start.line; line <= fn.loc.end.line; line++) {
    if (codeLines.has(line) && !markupLines.has(line)) count++;
  }
  return count;
}

function functionName(fn) {
  if (fn.id) return `Function '${fn.id.name}'`;
  if (fn.parent?.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier')
    return `Function '${fn.parent.id.name}'`;
  if (fn.parent?.type === 'Property' && fn.parent.key.type === 'Identifier')
    return `Method '${fn.parent.key.name}'`;
  return fn.type === 'ArrowFunctionExpression' ? 'Arrow function' : 'Function';
}
