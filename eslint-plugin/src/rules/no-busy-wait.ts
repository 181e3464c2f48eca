import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { corralExportName } from '../util/corral-imports.js';
import { createRule } from '../util/create-rule.js';
import { isGlobalReference, moduleMemberOf } from '../util/module-bindings.js';

type Options = [];
type MessageId = 'busyWait';

type Loop = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;

/** The Corral calls that only pass time. */
const corralWaits = ['sleep', 'sleepUntil', 'checkpoint'];

/**
 * A loop that does nothing but sleep and test a condition is polling: it wakes up late, and
 * costs a timer per round while nothing happens. Whatever changes the condition can set an
 * `Event` instead.
 */
export default createRule<Options, MessageId>({
  name: 'no-busy-wait',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow loops that only sleep and re-test a condition; wait on an `Event` instead.',
      recommended: 'recommended',
    },
    messages: {
      busyWait:
        'This loop polls: it sleeps and tests again. Have the code that changes the condition set an `Event` (or send on a memory object stream) and `await event.wait()`, which wakes at once and costs nothing while waiting.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const check = (loop: Loop): void => {
      const statements = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : [loop.body];
      let sleeps = 0;
      for (const statement of statements) {
        if (isAwaitedSleep(sourceCode, statement)) sleeps++;
        else if (!isConditionCheck(statement)) return;
      }
      if (sleeps > 0) context.report({ node: loop, loc: sourceCode.getFirstToken(loop)?.loc ?? loop.loc, messageId: 'busyWait' });
    };
    return { WhileStatement: check, DoWhileStatement: check, ForStatement: check };
  },
});

/**
 * `await sleep(ms)` (or `sleepUntil`, `checkpoint`), `await setTimeout(ms)` from
 * `timers/promises`, `await new Promise((r) => setTimeout(r, ms))`.
 */
function isAwaitedSleep(sourceCode: Readonly<TSESLint.SourceCode>, statement: TSESTree.Statement): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  if (statement.expression.type !== AST_NODE_TYPES.AwaitExpression) return false;
  const awaited = statement.expression.argument;
  if (awaited.type === AST_NODE_TYPES.CallExpression) {
    // `checkpoint()` in such a loop is the worst case: it spins, only yielding between rounds.
    const corralName = corralExportName(sourceCode, awaited.callee);
    if (corralName !== null && corralWaits.includes(corralName)) return true;
    const member = moduleMemberOf(sourceCode, awaited.callee);
    return member?.module === 'timers/promises' && member.name === 'setTimeout';
  }
  if (awaited.type !== AST_NODE_TYPES.NewExpression || !isGlobalReference(sourceCode, awaited.callee, 'Promise')) return false;
  const executor = awaited.arguments[0];
  if (executor?.type !== AST_NODE_TYPES.ArrowFunctionExpression && executor?.type !== AST_NODE_TYPES.FunctionExpression) {
    return false;
  }
  const body = executor.body;
  const call =
    body.type === AST_NODE_TYPES.BlockStatement
      ? body.body.length === 1 && body.body[0]?.type === AST_NODE_TYPES.ExpressionStatement
        ? body.body[0].expression
        : null
      : body;
  return call?.type === AST_NODE_TYPES.CallExpression && isGlobalReference(sourceCode, call.callee, 'setTimeout');
}

/** `if (ready) break;` and the like: a test that leaves the loop, and nothing else. */
function isConditionCheck(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.EmptyStatement) return true;
  if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate !== null) return false;
  const exit = statement.consequent.type === AST_NODE_TYPES.BlockStatement && statement.consequent.body.length === 1
    ? statement.consequent.body[0]
    : statement.consequent;
  return (
    exit?.type === AST_NODE_TYPES.BreakStatement ||
    exit?.type === AST_NODE_TYPES.ContinueStatement ||
    exit?.type === AST_NODE_TYPES.ReturnStatement
  );
}
