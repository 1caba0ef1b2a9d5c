// Language diagnostics: the one registry of issue codes the front end reports
// (codes and message texts are Puppet's, from pops/issues.rb, so output can be
// compared with real Puppet), the Diagnostic record, and its two printed forms:
// ours (`file:line:col` with a caret line) and Puppet's
// (`message (file: f, line: l, column: c)`).
import type { SourceFile, Span } from './source.js';

/** Puppet's severities; a deprecation is reported like a warning. */
export type Severity = 'error' | 'warning' | 'deprecation';

/** One reported problem. Produced, never thrown, for problems in user code. */
export interface Diagnostic {
  /** Puppet's issue code, e.g. `SYNTAX_ERROR`. */
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly source: SourceFile;
  /** Set when Puppet reports the problem without a line and column (end of input, byte order mark). */
  readonly noPosition?: boolean;
  /** Lexer warnings: the index of the token being lexed (internal; lets a failed parse drop later warnings). */
  readonly tokenIndex?: number;
}

type Args = Record<string, string | number>;

interface IssueDef {
  /** Puppet's "hard issues" are always errors; the others default to error too but may be demoted. */
  readonly severity: Severity;
  readonly format: (a: Args) => string;
}

const s = (a: Args, k: string): string => String(a[k] ?? '');

/** The registry. Keys are Puppet's issue codes; messages are Puppet's texts. */
export const ISSUES = {
  SYNTAX_ERROR: { severity: 'error', format: (a) => `Syntax error at ${s(a, 'where')}` },
  ILLEGAL_CLASS_REFERENCE: { severity: 'error', format: () => 'Illegal class reference' },
  ILLEGAL_FULLY_QUALIFIED_CLASS_REFERENCE: { severity: 'error', format: () => 'Illegal fully qualified class reference' },
  ILLEGAL_FULLY_QUALIFIED_NAME: { severity: 'error', format: () => 'Illegal fully qualified name' },
  ILLEGAL_NAME_OR_BARE_WORD: { severity: 'error', format: () => 'Illegal name or bare word' },
  ILLEGAL_NUMBER: { severity: 'error', format: (a) => `Illegal number '${s(a, 'value')}'` },
  INVALID_HEX_NUMBER: { severity: 'error', format: (a) => `Not a valid hex number ${s(a, 'value')}` },
  INVALID_OCTAL_NUMBER: { severity: 'error', format: (a) => `Not a valid octal number ${s(a, 'value')}` },
  INVALID_DECIMAL_NUMBER: { severity: 'error', format: (a) => `Not a valid decimal number ${s(a, 'value')}` },
  ILLEGAL_UNICODE_ESCAPE: {
    severity: 'error',
    format: () => "Unicode escape '\\u' was not followed by 4 hex digits or 1-6 hex digits in {} or was > 10ffff",
  },
  UNRECOGNIZED_ESCAPE: { severity: 'warning', format: (a) => `Unrecognized escape sequence '\\${s(a, 'ch')}'` },
  UNCLOSED_QUOTE: {
    severity: 'error',
    format: (a) => `Unclosed quote after ${s(a, 'after')} followed by '${s(a, 'followed_by')}'`,
  },
  UNCLOSED_MLCOMMENT: { severity: 'error', format: () => 'Unclosed multiline comment' },
  ILLEGAL_BOM: {
    severity: 'error',
    format: (a) => `Illegal ${s(a, 'format_name')} Byte Order mark at beginning of input: ${s(a, 'bytes')} - remove these from the puppet source`,
  },
  HEREDOC_UNCLOSED_PARENTHESIS: {
    severity: 'error',
    format: (a) => `Unclosed parenthesis after '@(' followed by '${s(a, 'followed_by')}'`,
  },
  HEREDOC_WITHOUT_END_TAGGED_LINE: { severity: 'error', format: () => 'Heredoc without end-tagged line' },
  HEREDOC_INVALID_ESCAPE: {
    severity: 'error',
    format: (a) => `Invalid heredoc escape char. Only t, r, n, s,  u, L, $ allowed. Got '${s(a, 'actual')}'`,
  },
  HEREDOC_INVALID_SYNTAX: { severity: 'error', format: () => 'Invalid syntax in heredoc expected @(endtag[:syntax][/escapes])' },
  HEREDOC_WITHOUT_TEXT: { severity: 'error', format: () => 'Heredoc without any following lines of text' },
  HEREDOC_EMPTY_ENDTAG: { severity: 'error', format: () => 'Heredoc with an empty endtag' },
  HEREDOC_MULTIPLE_AT_ESCAPES: {
    severity: 'error',
    format: (a) => `An escape char for @() may only appear once. Got '${s(a, 'escapes')}'`,
  },
  HEREDOC_DIRTY_MARGIN: {
    severity: 'error',
    format: (a) => `Heredoc with text in the margin is not allowed (line ${s(a, 'heredoc_line')} in this heredoc)`,
  },
  EMPTY_HEREDOC_SYNTAX_SEGMENT: {
    severity: 'error',
    format: (a) => `Heredoc syntax specification has empty segment between '+' : '${s(a, 'syntax')}'`,
  },
  EPP_UNBALANCED_TAG: { severity: 'error', format: () => 'Unbalanced epp tag, reached <eof> without closing tag.' },
  EPP_UNBALANCED_COMMENT: { severity: 'error', format: () => 'Reaching end after opening <%# without seeing %>' },
  EPP_UNBALANCED_EXPRESSION: {
    severity: 'error',
    format: () => 'Unbalanced embedded expression - opening <% and reaching end of input',
  },
  ILLEGAL_EPP_PARAMETERS: {
    severity: 'error',
    format: () => "Ambiguous EPP parameter expression. Probably missing '<%-' before parameters to remove leading whitespace",
  },
  // --- validation (pops/validation/checker4_0.rb)
  ILLEGAL_ASSIGNMENT: {
    severity: 'error',
    format: (a) => `Illegal attempt to assign to '${s(a, 'value')}'. Not an assignable reference`,
  },
  ILLEGAL_ASSIGNMENT_VIA_INDEX: {
    severity: 'error',
    format: (a) => `Illegal attempt to assign to ${s(a, 'value')} via [index/key]. Not an assignable reference`,
  },
  ILLEGAL_NUMERIC_ASSIGNMENT: {
    severity: 'error',
    format: (a) => `Illegal attempt to assign to the numeric match result variable '$${s(a, 'varname')}'. Numeric variables are not assignable`,
  },
  CROSS_SCOPE_ASSIGNMENT: {
    severity: 'error',
    format: (a) => `Illegal attempt to assign to '${s(a, 'name')}'. Cannot assign to variables in other namespaces`,
  },
  ILLEGAL_RESERVED_ASSIGNMENT: {
    severity: 'error',
    format: (a) => `Attempt to assign to a reserved variable name: '$${s(a, 'name')}'`,
  },
  APPENDS_DELETES_NO_LONGER_SUPPORTED: {
    severity: 'error',
    format: (a) => `The operator '${s(a, 'operator')}' is no longer supported. See http://links.puppet.com/remove-plus-equals`,
  },
  UNSUPPORTED_OPERATOR_IN_CONTEXT: {
    severity: 'error',
    format: (a) => `The operator '${s(a, 'operator')}' in ${s(a, 'value')} is not supported.`,
  },
  NOT_TOP_LEVEL: {
    severity: 'error',
    format: () => 'Classes, definitions, and nodes may only appear at toplevel or inside other classes',
  },
  NOT_ABSOLUTE_TOP_LEVEL: { severity: 'error', format: (a) => `${s(a, 'value')} may only appear at toplevel` },
  NOT_RVALUE: { severity: 'error', format: (a) => `Invalid use of expression. ${s(a, 'value')} does not produce a value` },
  ILLEGAL_ATTRIBUTE_APPEND: {
    severity: 'error',
    format: (a) => `Illegal +> operation on attribute ${s(a, 'name')}. This operator can not be used in ${s(a, 'parent')}`,
  },
  ILLEGAL_NAME: {
    severity: 'error',
    format: (a) => `Illegal name. The given name '${s(a, 'name')}' does not conform to the naming rule /^((::)?[a-z_]\\w*)(::[a-z]\\w*)*$/`,
  },
  ILLEGAL_PARAM_NAME: {
    severity: 'error',
    format: (a) => `Illegal parameter name. The given name '${s(a, 'name')}' does not conform to the naming rule /^[a-z_]\\w*$/`,
  },
  ILLEGAL_VAR_NAME: {
    severity: 'error',
    format: (a) => `Illegal variable name, The given name '${s(a, 'name')}' does not conform to the naming rule /^((::)?[a-z]\\w*)*((::)?[a-z_]\\w*)$/`,
  },
  ILLEGAL_NUMERIC_VAR_NAME: {
    severity: 'error',
    format: (a) => `Illegal numeric variable name, The given name '${s(a, 'name')}' must be a decimal value if it starts with a digit 0-9`,
  },
  ILLEGAL_NUMERIC_PARAMETER: {
    severity: 'error',
    format: (a) => `The numeric parameter name '$${s(a, 'name')}' cannot be used (clashes with numeric match result variables)`,
  },
  ILLEGAL_CLASSREF: {
    severity: 'error',
    format: (a) => `Illegal type reference. The given name '${s(a, 'name')}' does not conform to the naming rule`,
  },
  ILLEGAL_HOSTNAME_CHARS: {
    severity: 'error',
    format: (a) => `The hostname '${s(a, 'hostname')}' contains illegal characters (only letters, digits, '_', '-', and '.' are allowed)`,
  },
  ILLEGAL_HOSTNAME_INTERPOLATION: {
    severity: 'error',
    format: () => 'An interpolated expression is not allowed in a hostname of a node',
  },
  ILLEGAL_EXPRESSION: {
    severity: 'error',
    format: (a) => `Illegal expression. ${s(a, 'expression')} is unacceptable as ${s(a, 'feature')} in ${s(a, 'container')}`,
  },
  ILLEGAL_QUERY_EXPRESSION: {
    severity: 'error',
    format: (a) => `Illegal query expression. ${s(a, 'expression')} cannot be used in a query`,
  },
  NOT_VIRTUALIZEABLE: { severity: 'error', format: () => 'Resource Defaults are not virtualizable' },
  CLASS_NOT_VIRTUALIZABLE: { severity: 'error', format: () => 'Classes are not virtualizable' },
  ILLEGAL_DEFINITION_NAME: {
    severity: 'error',
    format: (a) => `Unacceptable name. The name '${s(a, 'name')}' is unacceptable as the name of ${s(a, 'value')}`,
  },
  CAPTURES_REST_NOT_LAST: {
    severity: 'error',
    format: (a) => `Parameter $${s(a, 'param_name')} is not last, and has 'captures rest'`,
  },
  CAPTURES_REST_NOT_SUPPORTED: {
    severity: 'error',
    format: (a) => `Parameter $${s(a, 'param_name')} has 'captures rest' - not supported in ${s(a, 'container')}`,
  },
  REQUIRED_PARAMETER_AFTER_OPTIONAL: {
    severity: 'error',
    format: (a) => `Parameter $${s(a, 'param_name')} is required but appears after optional parameters`,
  },
  DUPLICATE_PARAMETER: {
    severity: 'error',
    format: (a) => `The parameter '${s(a, 'param_name')}' is declared more than once in the parameter list`,
  },
  RESERVED_PARAMETER: {
    severity: 'error',
    format: (a) => `The parameter $${s(a, 'param_name')} redefines a built in parameter in ${s(a, 'container')}`,
  },
  /** Severity follows Puppet's `strict` setting (warning by default). */
  DUPLICATE_KEY: { severity: 'warning', format: (a) => `The key '${s(a, 'key')}' is declared more than once` },
  DUPLICATE_DEFAULT: {
    severity: 'error',
    format: (a) => `This ${s(a, 'container')} already has a 'default' entry - this is a duplicate`,
  },
  MULTIPLE_ATTRIBUTES_UNFOLD: {
    severity: 'error',
    format: () => 'Unfolding of attributes from Hash can only be used once per resource body',
  },
  RESERVED_WORD: {
    severity: 'error',
    format: (a) => `Use of reserved word: ${s(a, 'word')}, must be quoted if intended to be a String value`,
  },
  FUTURE_RESERVED_WORD: { severity: 'deprecation', format: (a) => `Use of future reserved word: '${s(a, 'word')}'` },
  RESERVED_TYPE_NAME: {
    severity: 'error',
    format: (a) => `The name: '${s(a, 'name')}' is already defined by Puppet and can not be used as the name of ${s(a, 'expression')}.`,
  },
  ILLEGAL_NODE_INHERITANCE: {
    severity: 'error',
    format: () => 'Node inheritance is not supported in Puppet >= 4.0.0. See http://links.puppet.com/puppet-node-inheritance-deprecation',
  },
  IDEM_EXPRESSION_NOT_LAST: {
    severity: 'error',
    format: (a) => `This ${s(a, 'expression')} has no effect. A value was produced and then forgotten (one or more preceding expressions may have the wrong form)`,
  },
  IDEM_NOT_ALLOWED_LAST: {
    severity: 'error',
    format: (a) => `This ${s(a, 'expression')} has no effect. ${s(a, 'container')} can not end with a value-producing expression without other effect`,
  },
  RESOURCE_WITHOUT_TITLE: {
    severity: 'error',
    format: (a) => `This expression is invalid. Did you try declaring a '${s(a, 'name')}' resource without a title?`,
  },
  DISCONTINUED_IMPORT: {
    severity: 'error',
    format: () => "Use of 'import' has been discontinued in favor of a manifest directory. See http://links.puppet.com/puppet-import-deprecation",
  },
  ILLEGAL_TOP_CONSTRUCT_LOCATION: {
    severity: 'error',
    format: (a) => `The ${s(a, 'value')} '${s(a, 'name')}' is unacceptable as a top level construct in this location`,
  },
  UNSUPPORTED_EXPRESSION: {
    severity: 'error',
    format: (a) => `Expressions of type ${s(a, 'expression')} are not supported in this version of Puppet`,
  },
  ILLEGAL_DEFINITION_LOCATION: {
    severity: 'error',
    format: (a) => `Unacceptable location. The name '${s(a, 'name')}' is unacceptable in file '${s(a, 'file')}'`,
  },
  ILLEGAL_INDEXED_ASSIGNMENT: {
    severity: 'error',
    format: () => 'Illegal attempt to assign via [index/key]. Not an assignable reference',
  },
  ILLEGAL_ASSIGNMENT_CONTEXT: { severity: 'error', format: () => 'Assignment not allowed here' },
  UNSUPPORTED_OPERATOR: { severity: 'error', format: (a) => `The operator '${s(a, 'operator')}' is not supported.` },
  NUMERIC_OVERFLOW: {
    severity: 'error',
    format: (a) => `${s(a, 'expression')} resulted in a value outside of Puppet Integer ${s(a, 'range')} range, got '${s(a, 'value')}'`,
  },
  /** Both of Puppet's type mapping issues share this code; `message` carries the text. */
  ILLEGAL_TYPE_MAPPING: { severity: 'error', format: (a) => s(a, 'message') },
  /** Heredoc text that is invalid for its declared syntax; `message` carries the checker's text. */
  ILLEGAL_JSON: { severity: 'error', format: (a) => s(a, 'message') },
  ILLEGAL_EPP: { severity: 'error', format: (a) => s(a, 'message') },
  ILLEGAL_PP: { severity: 'error', format: (a) => s(a, 'message') },
  ILLEGAL_BASE64: { severity: 'error', format: (a) => s(a, 'message') },
  /** Puppet reports these parser errors with a free text message and no issue code of its own. */
  PARSE_ERROR: { severity: 'error', format: (a) => s(a, 'message') },
} as const satisfies Record<string, IssueDef>;

export type IssueCode = keyof typeof ISSUES;

/** Builds a diagnostic with the registry's message and severity for the code. */
export function diagnostic(code: IssueCode, source: SourceFile, span: Span, args: Args = {}, severity?: Severity): Diagnostic {
  const def: IssueDef = ISSUES[code];
  return { code, severity: severity ?? def.severity, message: def.format(args), span, source };
}

/** `file:line:col: error: message` followed by the source line and a caret under the position. */
export function formatDiagnostic(d: Diagnostic): string {
  if (d.noPosition) return `${d.source.path === '' ? '<string>' : d.source.path}: ${d.severity}: ${d.message} (${d.code})`;
  const loc = d.source.locator;
  const line = loc.lineOf(d.span.start);
  const col = loc.columnOf(d.span.start);
  const text = loc.lineText(line).replace(/\t/g, ' ');
  const name = d.source.path === '' ? '<string>' : d.source.path;
  return `${name}:${line}:${col}: ${d.severity}: ${d.message} (${d.code})\n  ${text}\n  ${' '.repeat(col - 1)}^`;
}

/**
 * Puppet's own rendering: `message (file: f, line: l, column: c)`; without a
 * path it is `(line: l, column: c)`. Used where output must match Puppet's.
 */
export function formatPuppetStyle(d: Diagnostic): string {
  const loc = d.source.locator;
  const line = loc.lineOf(d.span.start);
  const col = loc.columnOf(d.span.start);
  if (d.noPosition) return d.source.path === '' ? d.message : `${d.message} (file: ${d.source.path})`;
  const where = d.source.path === '' ? `(line: ${line}, column: ${col})` : `(file: ${d.source.path}, line: ${line}, column: ${col})`;
  return `${d.message} ${where}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
