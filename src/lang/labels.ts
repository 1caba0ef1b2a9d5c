// Puppet's names for kinds of expressions in messages (model_label_provider.rb),
// with its a/an article rule.
import type * as A from './ast.js';

export function label(n: A.Node): string {
  switch (n.kind) {
    case 'LiteralInteger':
      return 'Literal Integer';
    case 'LiteralFloat':
      return 'Literal Float';
    case 'ArithmeticExpression':
    case 'MatchExpression':
    case 'ComparisonExpression':
    case 'AssignmentExpression':
    case 'AttributeOperation':
    case 'RelationshipExpression':
      return `'${n.operator}' expression`;
    case 'AccessExpression':
      return "'[]' expression";
    case 'CollectExpression':
      return label(n.query);
    case 'EppExpression':
      return 'Epp Template';
    case 'ExportedQuery':
      return 'Exported Query';
    case 'VirtualQuery':
      return 'Virtual Query';
    case 'AndExpression':
      return "'and' expression";
    case 'OrExpression':
      return "'or' expression";
    case 'InExpression':
      return "'in' expression";
    case 'LiteralList':
      return 'Array Expression';
    case 'LiteralHash':
      return 'Hash Expression';
    case 'KeyedEntry':
      return 'Hash Entry';
    case 'LiteralBoolean':
      return 'Boolean';
    case 'LiteralString':
      return 'String';
    case 'LambdaExpression':
      return 'Lambda';
    case 'LiteralDefault':
      return "'default' expression";
    case 'LiteralUndef':
      return "'undef' expression";
    case 'LiteralRegularExpression':
      return 'Regular Expression';
    case 'Nop':
      return 'Nop Expression';
    case 'NamedAccessExpression':
      return "'.' expression";
    case 'NotExpression':
      return "'not' expression";
    case 'VariableExpression':
      return 'Variable';
    case 'TextExpression':
      return 'Expression in Interpolated String';
    case 'UnaryMinusExpression':
      return 'Unary Minus';
    case 'UnfoldExpression':
      return 'Unfold';
    case 'BlockExpression':
      return 'Block Expression';
    case 'ConcatenatedString':
      return 'Double Quoted String';
    case 'HeredocExpression':
      return `'@(${n.syntax ?? ''})' expression`;
    case 'HostClassDefinition':
      return 'Host Class Definition';
    case 'FunctionDefinition':
      return 'Function Definition';
    case 'NodeDefinition':
      return 'Node Definition';
    case 'ResourceTypeDefinition':
      return "'define' expression";
    case 'ResourceOverrideExpression':
      return 'Resource Override';
    case 'Parameter':
      return 'Parameter Definition';
    case 'ParenthesizedExpression':
      return 'Parenthesized Expression';
    case 'IfExpression':
      return "'if' statement";
    case 'UnlessExpression':
      return "'unless' Statement";
    case 'CallNamedFunctionExpression':
      return 'Function Call';
    case 'CallMethodExpression':
      return 'Method call';
    case 'CaseExpression':
      return "'case' statement";
    case 'CaseOption':
      return 'Case Option';
    case 'RenderStringExpression':
      return 'Epp Text';
    case 'RenderExpression':
      return 'Epp Interpolated Expression';
    case 'ResourceBody':
      return 'Resource Instance Definition';
    case 'ResourceDefaultsExpression':
      return 'Resource Defaults Expression';
    case 'ResourceExpression':
      return 'Resource Statement';
    case 'SelectorExpression':
      return 'Selector Expression';
    case 'SelectorEntry':
      return 'Selector Option';
    case 'QualifiedName':
      return 'Name';
    case 'QualifiedReference':
      return 'Type-Name';
    case 'ReservedWord':
      return `Reserved Word '${n.word}'`;
    case 'TypeAlias':
      return 'Type Alias';
    case 'TypeMapping':
      return 'Type Mapping';
    case 'TypeDefinition':
      return 'Type Definition';
    case 'AttributesOperation':
    case 'Program':
      return 'Object';
  }
}

/** Puppet's article rule: "an" before a vowel (y included), skipping a leading quote. */
export function article(text: string): string {
  let c = text.charAt(0);
  if (c === '"' || c === "'") c = text.charAt(1);
  return 'aeiouy'.includes(c.toLowerCase()) ? 'an' : 'a';
}

export function aAn(n: A.Node): string {
  const t = label(n);
  return `${article(t)} ${t}`;
}

export function aAnUc(n: A.Node): string {
  const t = label(n);
  const a = article(t);
  return `${a.charAt(0).toUpperCase()}${a.slice(1)} ${t}`;
}
