// The Puppet language syntax tree: the node types the parser produces and the
// evaluator consumes. It mirrors Puppet's own model (pops/model/ast.pp) node
// for node so Puppet's evaluator semantics map one to one: every `kind` is the
// name of the Puppet model class it stands for, and fields are the Puppet
// attribute names in camelCase (left_expr -> leftExpr).
//
// Contract (stable: fields are added, never renamed or removed):
// - Every node has `kind` and `span` ({start, end} offsets, end exclusive, into
//   the text of the SourceFile the node was parsed from).
// - Spans are Puppet's positions, not syntactic extents, so that line and
//   column of any node equal what Puppet reports (resource `line` in catalogs,
//   error locations): a binary/assignment/relationship expression is located
//   at its operator, a method call at its `(` (or `.name` without parens), a
//   ResourceExpression from its type name (or `@`) to its `}`, an `if` from
//   `if` to the end of its last branch. Nodes Puppet leaves unlocated take their
//   container's start with length 0: resource bodies, definition/lambda/case
//   bodies, interpolated TextExpressions, a method's name. Verified against
//   Puppet for every node of 800+ module manifests (test/parser/cases/*.pos).
// - The SourceFile (path, text, locator for offset -> line:col) is reachable
//   from the Program root (`program.source`), and is also stored on every
//   definition node (classes, defines, functions, nodes, type aliases) because
//   those are evaluated later, away from their program.
// - Heredoc text and string interpolation are parsed in place: their spans are
//   offsets into the same file, never into a sub-string.
// - The parser applies Puppet's factory rewrites so the tree is what Puppet's
//   evaluator sees: statement calls (`include a, b`) become
//   CallNamedFunctionExpression, bare words in `${}` become variables,
//   `type X = Bar {...}` becomes `Object[{parent => Bar, ...}]`, `name { k => v }`
//   becomes a call (statement functions) or a block of name and hash, adjacent
//   `k => v` call arguments merge into one unfolded LiteralHash.
// - Blocks: the statements of a program, `if`/`unless`/`else` and `{}` in EPP
//   render are a single expression when there is one statement, else a
//   BlockExpression; the bodies of classes, defines, nodes, functions,
//   lambdas, case options and EPP templates are always a BlockExpression
//   (Puppet's f_build_body). An empty body is undefined.
import type { SourceFile, Span } from './source.js';

export type { Span } from './source.js';

interface NodeBase {
  readonly span: Span;
}

// ---------------------------------------------------------------- literals

/** A number written without a fraction or exponent. `radix` is 8 (leading 0), 10 or 16 (0x). */
export interface LiteralInteger extends NodeBase {
  readonly kind: 'LiteralInteger';
  /** The value; exact for |value| <= 2^53, see `text` for larger literals. */
  readonly value: number;
  readonly radix: 8 | 10 | 16;
  /** The literal as written, e.g. `0x1F`, so the evaluator can use BigInt for 64-bit values. */
  readonly text: string;
}

export interface LiteralFloat extends NodeBase {
  readonly kind: 'LiteralFloat';
  readonly value: number;
}

/** A string without interpolation: '...', "..." without `$`, a bare word with a hyphen, a heredoc's text. */
export interface LiteralString extends NodeBase {
  readonly kind: 'LiteralString';
  /** The value with escapes already processed. */
  readonly value: string;
}

export interface LiteralBoolean extends NodeBase {
  readonly kind: 'LiteralBoolean';
  readonly value: boolean;
}

export interface LiteralUndef extends NodeBase {
  readonly kind: 'LiteralUndef';
}

export interface LiteralDefault extends NodeBase {
  readonly kind: 'LiteralDefault';
}

/** `/pattern/`. The pattern is Ruby regexp syntax; the evaluator translates it. */
export interface LiteralRegularExpression extends NodeBase {
  readonly kind: 'LiteralRegularExpression';
  /** The text between the slashes, with `\/` turned into `/`. */
  readonly pattern: string;
}

/** `[a, b]`. Splats appear as UnfoldExpression entries. */
export interface LiteralList extends NodeBase {
  readonly kind: 'LiteralList';
  readonly values: Expression[];
}

/**
 * `{k => v}`. `unfolded` is true for the hash Puppet builds from bare `k => v`
 * arguments in a call or access: `foo(a => 1)`, `Struct[a => Integer]`.
 */
export interface LiteralHash extends NodeBase {
  readonly kind: 'LiteralHash';
  readonly entries: KeyedEntry[];
  readonly unfolded: boolean;
}

export interface KeyedEntry extends NodeBase {
  readonly kind: 'KeyedEntry';
  readonly key: Expression;
  readonly value: Expression;
}

/** A double-quoted string or heredoc with interpolation: LiteralString and TextExpression segments. */
export interface ConcatenatedString extends NodeBase {
  readonly kind: 'ConcatenatedString';
  readonly segments: Expression[];
}

/** An interpolated `${expr}` or `$var` inside a string; its value is converted to a string. */
export interface TextExpression extends NodeBase {
  readonly kind: 'TextExpression';
  readonly expr: Expression;
}

/** `@(END:syntax)` ... END. `textExpr` is a LiteralString or a ConcatenatedString. */
export interface HeredocExpression extends NodeBase {
  readonly kind: 'HeredocExpression';
  /** The syntax after `:` (e.g. `json`), or undefined. */
  readonly syntax: string | undefined;
  readonly textExpr: Expression;
}

/** A lower-case (qualified) name: `foo`, `foo::bar`, `::foo`. A function name, resource type name, or bare word string. */
export interface QualifiedName extends NodeBase {
  readonly kind: 'QualifiedName';
  readonly value: string;
}

/** A capitalized (qualified) name: `File`, `Foo::Bar`. A type or resource reference. */
export interface QualifiedReference extends NodeBase {
  readonly kind: 'QualifiedReference';
  /** As written, e.g. `Foo::Bar`. */
  readonly cased: string;
  /** Lower-cased, e.g. `foo::bar` (Puppet's `value`). */
  readonly value: string;
}

/** `attr` and `private`: reserved words an expression may not use. */
export interface ReservedWord extends NodeBase {
  readonly kind: 'ReservedWord';
  readonly word: string;
  readonly future: boolean;
}

// ------------------------------------------------------------- operators

/** `$name`. The name is without `$`; `::x` is top scope; digits only (`$0`, `$1`) is a match variable. */
export interface VariableExpression extends NodeBase {
  readonly kind: 'VariableExpression';
  readonly name: string;
}

export interface ParenthesizedExpression extends NodeBase {
  readonly kind: 'ParenthesizedExpression';
  readonly expr: Expression;
}

/** `!expr` */
export interface NotExpression extends NodeBase {
  readonly kind: 'NotExpression';
  readonly expr: Expression;
}

/** `-expr` */
export interface UnaryMinusExpression extends NodeBase {
  readonly kind: 'UnaryMinusExpression';
  readonly expr: Expression;
}

/** `*expr` (splat) */
export interface UnfoldExpression extends NodeBase {
  readonly kind: 'UnfoldExpression';
  readonly expr: Expression;
}

export type AssignmentOperator = '=' | '+=' | '-=';
export interface AssignmentExpression extends NodeBase {
  readonly kind: 'AssignmentExpression';
  readonly operator: AssignmentOperator;
  readonly leftExpr: Expression;
  readonly rightExpr: Expression;
}

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%' | '<<' | '>>';
export interface ArithmeticExpression extends NodeBase {
  readonly kind: 'ArithmeticExpression';
  readonly operator: ArithmeticOperator;
  readonly leftExpr: Expression;
  readonly rightExpr: Expression;
}

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';
export interface ComparisonExpression extends NodeBase {
  readonly kind: 'ComparisonExpression';
  readonly operator: ComparisonOperator;
  readonly leftExpr: Expression;
  readonly rightExpr: Expression;
}

export type MatchOperator = '=~' | '!~';
export interface MatchExpression extends NodeBase {
  readonly kind: 'MatchExpression';
  readonly operator: MatchOperator;
  readonly leftExpr: Expression;
  readonly rightExpr: Expression;
}

/** `a in b` */
export interface InExpression extends NodeBase {
  readonly kind: 'InExpression';
  readonly leftExpr: Expression;
  readonly rightExpr: Expression;
}

export interface AndExpression extends NodeBase {
  readonly kind: 'AndExpression';
  readonly leftExpr: Expression;
  readonly rightExpr: Expression;
}

export interface OrExpression extends NodeBase {
  readonly kind: 'OrExpression';
  readonly leftExpr: Expression;
  readonly rightExpr: Expression;
}

export type RelationshipOperator = '->' | '~>' | '<-' | '<~';
export interface RelationshipExpression extends NodeBase {
  readonly kind: 'RelationshipExpression';
  readonly operator: RelationshipOperator;
  readonly leftExpr: Expression;
  readonly rightExpr: Expression;
}

/** `left[k1, k2]` */
export interface AccessExpression extends NodeBase {
  readonly kind: 'AccessExpression';
  readonly leftExpr: Expression;
  readonly keys: Expression[];
}

/** `left.name`, only ever the functor of a CallMethodExpression. `rightExpr` is a QualifiedName (or QualifiedReference). */
export interface NamedAccessExpression extends NodeBase {
  readonly kind: 'NamedAccessExpression';
  readonly leftExpr: Expression;
  readonly rightExpr: Expression;
}

/** `left ? { m1 => v1, default => v2 }` */
export interface SelectorExpression extends NodeBase {
  readonly kind: 'SelectorExpression';
  readonly leftExpr: Expression;
  readonly selectors: SelectorEntry[];
}

export interface SelectorEntry extends NodeBase {
  readonly kind: 'SelectorEntry';
  readonly matchingExpr: Expression;
  readonly valueExpr: Expression;
}

// ------------------------------------------------------------------ calls

/**
 * `name(args) |params| { }`, or a statement call without parentheses
 * (`include a, b`). `functorExpr` is a QualifiedName; a QualifiedReference
 * (`Integer('1')`) means a call to `new` of that type. `rvalRequired` is false
 * when the call is a statement (its value is not used).
 */
export interface CallNamedFunctionExpression extends NodeBase {
  readonly kind: 'CallNamedFunctionExpression';
  readonly functorExpr: Expression;
  readonly arguments: Expression[];
  readonly lambda: LambdaExpression | undefined;
  readonly rvalRequired: boolean;
}

/** `recv.name(args) |params| { }`; `functorExpr` is a NamedAccessExpression whose left is the receiver. */
export interface CallMethodExpression extends NodeBase {
  readonly kind: 'CallMethodExpression';
  readonly functorExpr: NamedAccessExpression;
  readonly arguments: Expression[];
  readonly lambda: LambdaExpression | undefined;
  readonly rvalRequired: boolean;
}

/** `|$a, Integer $b = 1, *$rest| >> Type { body }` */
export interface LambdaExpression extends NodeBase {
  readonly kind: 'LambdaExpression';
  readonly parameters: Parameter[];
  readonly body: Expression | undefined;
  readonly returnType: Expression | undefined;
}

/** A parameter of a class, define, function, lambda or EPP template. `name` is without `$`. */
export interface Parameter extends NodeBase {
  readonly kind: 'Parameter';
  readonly name: string;
  readonly value: Expression | undefined;
  readonly typeExpr: Expression | undefined;
  readonly capturesRest: boolean;
}

// ----------------------------------------------------------- control flow

/** A sequence of statements (see the block rules at the top of this file). */
export interface BlockExpression extends NodeBase {
  readonly kind: 'BlockExpression';
  readonly statements: Expression[];
}

/** `if test { then } elsif ... else { else }`; an `elsif` is an IfExpression in `elseExpr`. */
export interface IfExpression extends NodeBase {
  readonly kind: 'IfExpression';
  readonly test: Expression;
  readonly thenExpr: Expression | undefined;
  readonly elseExpr: Expression | undefined;
}

export interface UnlessExpression extends NodeBase {
  readonly kind: 'UnlessExpression';
  readonly test: Expression;
  readonly thenExpr: Expression | undefined;
  readonly elseExpr: Expression | undefined;
}

export interface CaseExpression extends NodeBase {
  readonly kind: 'CaseExpression';
  readonly test: Expression;
  readonly options: CaseOption[];
}

/** `v1, v2: { then }` in a case; `default` is a LiteralDefault value. */
export interface CaseOption extends NodeBase {
  readonly kind: 'CaseOption';
  readonly values: Expression[];
  readonly thenExpr: Expression | undefined;
}

/** An empty statement (never produced by the parser today; kept for the evaluator's completeness). */
export interface Nop extends NodeBase {
  readonly kind: 'Nop';
}

// -------------------------------------------------------------- resources

export type ResourceForm = 'regular' | 'virtual' | 'exported';

/**
 * `type { title: attr => v; title2: ... }`. `typeName` is a QualifiedName
 * (`file`, `class`, `foo::bar`) or, for `Resource[x] { ... }`-style forms, any
 * expression that evaluates to a type.
 */
export interface ResourceExpression extends NodeBase {
  readonly kind: 'ResourceExpression';
  readonly form: ResourceForm;
  readonly typeName: Expression;
  readonly bodies: ResourceBody[];
}

export interface ResourceBody extends NodeBase {
  readonly kind: 'ResourceBody';
  /** The title expression (may evaluate to an array of titles). */
  readonly title: Expression;
  readonly operations: AbstractAttributeOperation[];
}

/** `File { mode => '0644' }` (`typeRef` is a QualifiedReference, or `Resource[x]`). */
export interface ResourceDefaultsExpression extends NodeBase {
  readonly kind: 'ResourceDefaultsExpression';
  readonly form: ResourceForm;
  readonly typeRef: Expression;
  readonly operations: AbstractAttributeOperation[];
}

/** `File['x'] { mode => '0644' }` */
export interface ResourceOverrideExpression extends NodeBase {
  readonly kind: 'ResourceOverrideExpression';
  readonly form: ResourceForm;
  readonly resources: Expression;
  readonly operations: AbstractAttributeOperation[];
}

/** `name => value` or `name +> value`. */
export interface AttributeOperation extends NodeBase {
  readonly kind: 'AttributeOperation';
  readonly attributeName: string;
  readonly operator: '=>' | '+>';
  readonly valueExpr: Expression;
}

/** `* => $hash` */
export interface AttributesOperation extends NodeBase {
  readonly kind: 'AttributesOperation';
  readonly expr: Expression;
}

export type AbstractAttributeOperation = AttributeOperation | AttributesOperation;

/** `Type <| query |> { ops }` or `Type <<| query |>> { ops }`. */
export interface CollectExpression extends NodeBase {
  readonly kind: 'CollectExpression';
  readonly typeExpr: Expression;
  readonly query: VirtualQuery | ExportedQuery;
  readonly operations: AbstractAttributeOperation[];
}

/** `<| expr |>`; `expr` undefined means "all". */
export interface VirtualQuery extends NodeBase {
  readonly kind: 'VirtualQuery';
  readonly expr: Expression | undefined;
}

/** `<<| expr |>>` */
export interface ExportedQuery extends NodeBase {
  readonly kind: 'ExportedQuery';
  readonly expr: Expression | undefined;
}

// ------------------------------------------------------------ definitions

/** `class name(params) inherits parent { body }`; nested classes get their fully qualified name. */
export interface HostClassDefinition extends NodeBase {
  readonly kind: 'HostClassDefinition';
  readonly name: string;
  readonly parameters: Parameter[];
  readonly parentClass: string | undefined;
  readonly body: Expression | undefined;
  readonly source: SourceFile;
}

/** `define name(params) { body }` */
export interface ResourceTypeDefinition extends NodeBase {
  readonly kind: 'ResourceTypeDefinition';
  readonly name: string;
  readonly parameters: Parameter[];
  readonly body: Expression | undefined;
  readonly source: SourceFile;
}

/** `function name(params) >> ReturnType { body }` */
export interface FunctionDefinition extends NodeBase {
  readonly kind: 'FunctionDefinition';
  readonly name: string;
  readonly parameters: Parameter[];
  readonly body: Expression | undefined;
  readonly returnType: Expression | undefined;
  readonly source: SourceFile;
}

/**
 * `node 'a', b.example.com, /re/, default { body }`. `hostMatches` holds
 * LiteralString (dotted bare names are joined into one string), ConcatenatedString,
 * LiteralRegularExpression and LiteralDefault.
 */
export interface NodeDefinition extends NodeBase {
  readonly kind: 'NodeDefinition';
  readonly hostMatches: Expression[];
  /** Set only for the (invalid in Puppet 4+) `inherits`; the validator reports it. */
  readonly parent: Expression | undefined;
  readonly body: Expression | undefined;
  readonly source: SourceFile;
}

/** `type Name = TypeExpr`. */
export interface TypeAlias extends NodeBase {
  readonly kind: 'TypeAlias';
  readonly name: string;
  readonly typeExpr: Expression;
  readonly source: SourceFile;
}

/** `type Runtime[...] = ...` (left side is an access). */
export interface TypeMapping extends NodeBase {
  readonly kind: 'TypeMapping';
  readonly typeExpr: Expression;
  readonly mappingExpr: Expression;
  readonly source: SourceFile;
}

/** `type Name inherits Parent { }` (parsed; Puppet does not evaluate it). */
export interface TypeDefinition extends NodeBase {
  readonly kind: 'TypeDefinition';
  readonly name: string;
  readonly parent: string | undefined;
  readonly body: Expression | undefined;
  readonly source: SourceFile;
}

export type Definition =
  | HostClassDefinition
  | ResourceTypeDefinition
  | FunctionDefinition
  | NodeDefinition
  | TypeAlias
  | TypeMapping
  | TypeDefinition;

// -------------------------------------------------------------------- EPP

/**
 * The body of an EPP template. A parsed template's Program body is a
 * LambdaExpression (its parameters are the template's `<%- | $a | -%>`
 * parameters) whose body is this node.
 */
export interface EppExpression extends NodeBase {
  readonly kind: 'EppExpression';
  /** True when the template declares a parameter list (even an empty `<%-||-%>`). */
  readonly parametersSpecified: boolean;
  readonly body: Expression | undefined;
}

/** Template text outside `<% %>`, emitted verbatim. */
export interface RenderStringExpression extends NodeBase {
  readonly kind: 'RenderStringExpression';
  readonly value: string;
}

/** `<%= expr %>`: the value is converted to a string and emitted. */
export interface RenderExpression extends NodeBase {
  readonly kind: 'RenderExpression';
  readonly expr: Expression;
}

// ------------------------------------------------------------------- root

export type Expression =
  | LiteralInteger
  | LiteralFloat
  | LiteralString
  | LiteralBoolean
  | LiteralUndef
  | LiteralDefault
  | LiteralRegularExpression
  | LiteralList
  | LiteralHash
  | ConcatenatedString
  | TextExpression
  | HeredocExpression
  | QualifiedName
  | QualifiedReference
  | ReservedWord
  | VariableExpression
  | ParenthesizedExpression
  | NotExpression
  | UnaryMinusExpression
  | UnfoldExpression
  | AssignmentExpression
  | ArithmeticExpression
  | ComparisonExpression
  | MatchExpression
  | InExpression
  | AndExpression
  | OrExpression
  | RelationshipExpression
  | AccessExpression
  | NamedAccessExpression
  | SelectorExpression
  | CallNamedFunctionExpression
  | CallMethodExpression
  | LambdaExpression
  | BlockExpression
  | IfExpression
  | UnlessExpression
  | CaseExpression
  | CaseOption
  | Nop
  | ResourceExpression
  | ResourceDefaultsExpression
  | ResourceOverrideExpression
  | CollectExpression
  | VirtualQuery
  | ExportedQuery
  | EppExpression
  | RenderStringExpression
  | RenderExpression
  | Definition;

/** Nodes that are parts of other nodes but are not expressions themselves. */
export type AuxiliaryNode = KeyedEntry | SelectorEntry | Parameter | ResourceBody | AttributeOperation | AttributesOperation;

/** The result of parsing one file. */
export interface Program extends NodeBase {
  readonly kind: 'Program';
  /** The statements: undefined for an empty file, one expression, or a BlockExpression. */
  readonly body: Expression | undefined;
  /** Every definition in the file, including nested ones, in source order. */
  readonly definitions: Definition[];
  readonly source: SourceFile;
}

export type Node = Expression | AuxiliaryNode | Program;

export type NodeKind = Node['kind'];
