// jscodeshift 17.4.0 transform doing the same Promise.all rewrite as corral-migrate's
// promise-all-to-gather, written as jscodeshift's docs show (find, filter, replace, toSource):
//   await Promise.all([a(), b()])      -> await gather(() => a(), () => b())
//   await Promise.all(items.map(fn))   -> await mapConcurrent(items, fn)
// only where the result is awaited or returned at once, adding the import of @corral/runtime.
// jscodeshift has no type checker: it cannot tell a promise from any other value, which is
// part of what this comparison measures on corral-migrate's side (its program build). It also
// rewrites fewer sites than corral-migrate (no pushed lists, no lists of promises made earlier),
// so the comparison leans, if anything, towards jscodeshift. Like jscodeshift itself, it parses
// every file it is given; corral-migrate parses every file too (for the type checker).
// Run: jscodeshift --parser=ts --extensions=ts -t bench/peers/jscodeshift-gather.cjs <files>

const runtimeModule = '@corral/runtime';

function isPromiseAll(callee) {
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'Promise' &&
    callee.property.type === 'Identifier' &&
    callee.property.name === 'all'
  );
}

function consumedAtOnce(path) {
  const parent = path.parent.node;
  return parent.type === 'AwaitExpression' || parent.type === 'ReturnStatement' || parent.type === 'ArrowFunctionExpression';
}

function isMapCall(node) {
  return (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    !node.callee.computed &&
    node.callee.property.type === 'Identifier' &&
    node.callee.property.name === 'map' &&
    node.arguments.length === 1 &&
    node.arguments[0].type !== 'SpreadElement'
  );
}

function addImports(j, root, names) {
  const existing = root.find(j.ImportDeclaration, { source: { value: runtimeModule } });
  if (existing.size() > 0) {
    const declaration = existing.get().node;
    const present = new Set(declaration.specifiers.map((s) => s.imported?.name));
    for (const name of names) if (!present.has(name)) declaration.specifiers.push(j.importSpecifier(j.identifier(name)));
    return;
  }
  const declaration = j.importDeclaration(
    [...names].map((name) => j.importSpecifier(j.identifier(name))),
    j.literal(runtimeModule),
  );
  const imports = root.find(j.ImportDeclaration);
  if (imports.size() > 0) imports.at(imports.size() - 1).insertAfter(declaration);
  else root.get().node.program.body.unshift(declaration);
}

module.exports = function promiseAllToGather(file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);
  const needed = new Set();
  root
    .find(j.CallExpression)
    .filter((path) => isPromiseAll(path.node.callee) && path.node.arguments.length === 1 && consumedAtOnce(path))
    .forEach((path) => {
      const [argument] = path.node.arguments;
      if (argument.type === 'ArrayExpression' && argument.elements.length > 0 && argument.elements.every((e) => e && e.type === 'CallExpression')) {
        path.replace(j.callExpression(j.identifier('gather'), argument.elements.map((call) => j.arrowFunctionExpression([], call))));
        needed.add('gather');
      } else if (isMapCall(argument)) {
        path.replace(j.callExpression(j.identifier('mapConcurrent'), [argument.callee.object, argument.arguments[0]]));
        needed.add('mapConcurrent');
      }
    });
  if (needed.size === 0) return undefined;
  addImports(j, root, needed);
  return root.toSource();
};

module.exports.parser = 'ts';
