/**
 * Where a newly made instance is kept (a `const` or a class field initialised in place) and every
 * place that reads it, found with the type checker across the program's files, so that a
 * rewrite of the instance's type can check that every use has a counterpart.
 *
 * @example
 * ```ts
 * const holder = holderOf(newExpression);
 * if (typeof holder === 'string') skip(holder);
 * else for (const use of usesOf(holder)) inspect(use.access);
 * ```
 */
import { Node, VariableDeclarationKind } from 'ts-morph';
import type { Expression, PropertyDeclaration, TypeNode, VariableDeclaration } from 'ts-morph';
import { referencesOf } from './references.js';

export interface Holder {
  declaration: VariableDeclaration | PropertyDeclaration;
  /** The declared type, when the code writes one (`m: Mutex = new Mutex()`). */
  typeNode: TypeNode | undefined;
  /** The name as written, for messages. */
  name: string;
}

export interface Use {
  /** The expression that reads the instance: `m` or `this.#m`. */
  access: Node;
  /** Whether the use is in another file than the holder. */
  otherFile: boolean;
}

/** The holder of `created`, or the reason the instance is not held in a way this can follow. */
export function holderOf(created: Expression): Holder | string {
  let node: Node = created;
  let parent = node.getParent();
  while (parent !== undefined && (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent))) {
    node = parent;
    parent = parent.getParent();
  }
  if (Node.isVariableDeclaration(parent) && parent.getInitializer() === node) {
    if (!Node.isIdentifier(parent.getNameNode())) return 'the instance is destructured';
    const statement = parent.getVariableStatement();
    if (statement?.getDeclarationKind() !== VariableDeclarationKind.Const) {
      return `\`${parent.getName()}\` is not a \`const\`: it may hold another instance later`;
    }
    if (statement.isExported()) return `\`${parent.getName()}\` is exported: its users elsewhere cannot be checked`;
    return { declaration: parent, typeNode: parent.getTypeNode(), name: parent.getName() };
  }
  if (Node.isPropertyDeclaration(parent) && parent.getInitializer() === node) {
    if (parent.isStatic()) return `the static field \`${parent.getName()}\` is shared by every instance`;
    return { declaration: parent, typeNode: parent.getTypeNode(), name: parent.getName() };
  }
  return 'the instance is not kept in a `const` or a class field initialised in place';
}

/** Every read of the holder, except its own declaration; undefined when its name cannot be searched. */
export function usesOf(holder: Holder): Use[] | undefined {
  const nameNode = holder.declaration.getNameNode();
  if (!Node.isIdentifier(nameNode) && !Node.isPrivateIdentifier(nameNode)) return undefined;
  const file = holder.declaration.getSourceFile();
  return referencesOf(nameNode).map((reference) => {
    const parent = reference.getParent();
    const isMember = parent !== undefined && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === reference;
    return { access: isMember ? parent : reference, otherFile: reference.getSourceFile() !== file };
  });
}

/** For `holder.method(...)`, the method name node and the call; otherwise undefined. */
export function methodCall(access: Node): { method: string; nameNode: Node; call: Node } | undefined {
  const member = access.getParent();
  if (member === undefined || !Node.isPropertyAccessExpression(member) || member.getExpression() !== access) {
    return undefined;
  }
  const call = member.getParent();
  if (call === undefined || !Node.isCallExpression(call) || call.getExpression() !== member) return undefined;
  return { method: member.getName(), nameNode: member.getNameNode(), call };
}
