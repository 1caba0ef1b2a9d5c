// Walking the syntax tree: the contained children of each node in the order
// of the attributes in Puppet's model (pops/model/ast.pp), which is the order
// Puppet's validator and tree walkers visit them.
import type * as A from './ast.js';

/** The contained children of a node, in the order of the attributes in Puppet's model. */
export function children(n: A.Node): A.Node[] {
  const out: A.Node[] = [];
  forEachChild(n, (c) => {
    out.push(c);
  });
  return out;
}

/** Calls `fn` on each contained child of a node, in Puppet's attribute order (no allocation). */
export function forEachChild(n: A.Node, fn: (child: A.Node) => void): void {
  const add = (x: A.Node | undefined): void => {
    if (x !== undefined) fn(x);
  };
  const all = (xs: readonly A.Node[]): void => {
    for (const x of xs) fn(x);
  };
  switch (n.kind) {
    case 'Program':
      add(n.body);
      break;
    case 'AssignmentExpression':
    case 'ArithmeticExpression':
    case 'ComparisonExpression':
    case 'MatchExpression':
    case 'InExpression':
    case 'AndExpression':
    case 'OrExpression':
    case 'RelationshipExpression':
    case 'NamedAccessExpression':
      add(n.leftExpr);
      add(n.rightExpr);
      break;
    case 'ParenthesizedExpression':
    case 'NotExpression':
    case 'UnaryMinusExpression':
    case 'UnfoldExpression':
    case 'TextExpression':
    case 'RenderExpression':
    case 'AttributesOperation':
      add(n.expr);
      break;
    case 'VirtualQuery':
    case 'ExportedQuery':
      add(n.expr);
      break;
    case 'AccessExpression':
      add(n.leftExpr);
      all(n.keys);
      break;
    case 'LiteralList':
      all(n.values);
      break;
    case 'KeyedEntry':
      add(n.key);
      add(n.value);
      break;
    case 'LiteralHash':
      all(n.entries);
      break;
    case 'BlockExpression':
      all(n.statements);
      break;
    case 'CaseOption':
      all(n.values);
      add(n.thenExpr);
      break;
    case 'CaseExpression':
      add(n.test);
      all(n.options);
      break;
    case 'AttributeOperation':
      add(n.valueExpr);
      break;
    case 'CollectExpression':
      add(n.typeExpr);
      add(n.query);
      all(n.operations);
      break;
    case 'Parameter':
      add(n.value);
      add(n.typeExpr);
      break;
    case 'HostClassDefinition':
    case 'ResourceTypeDefinition':
      all(n.parameters);
      add(n.body);
      break;
    case 'FunctionDefinition':
      all(n.parameters);
      add(n.body);
      add(n.returnType);
      break;
    case 'TypeAlias':
      add(n.typeExpr);
      break;
    case 'TypeMapping':
      add(n.typeExpr);
      add(n.mappingExpr);
      break;
    case 'TypeDefinition':
      add(n.body);
      break;
    case 'NodeDefinition':
      add(n.parent);
      all(n.hostMatches);
      add(n.body);
      break;
    case 'HeredocExpression':
      add(n.textExpr);
      break;
    case 'LambdaExpression':
      all(n.parameters);
      add(n.body);
      add(n.returnType);
      break;
    case 'IfExpression':
    case 'UnlessExpression':
      add(n.test);
      add(n.thenExpr);
      add(n.elseExpr);
      break;
    case 'CallNamedFunctionExpression':
    case 'CallMethodExpression':
      add(n.functorExpr);
      all(n.arguments);
      add(n.lambda);
      break;
    case 'ConcatenatedString':
      all(n.segments);
      break;
    case 'EppExpression':
      add(n.body);
      break;
    case 'ResourceBody':
      add(n.title);
      all(n.operations);
      break;
    case 'ResourceExpression':
      add(n.typeName);
      all(n.bodies);
      break;
    case 'ResourceDefaultsExpression':
      add(n.typeRef);
      all(n.operations);
      break;
    case 'ResourceOverrideExpression':
      add(n.resources);
      all(n.operations);
      break;
    case 'SelectorEntry':
      add(n.matchingExpr);
      add(n.valueExpr);
      break;
    case 'SelectorExpression':
      add(n.leftExpr);
      all(n.selectors);
      break;
    default:
      break;
  }
}
