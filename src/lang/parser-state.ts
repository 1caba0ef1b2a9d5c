// Parser state shared by the grammar modules: the token cursor, Puppet's
// position rule (`loc`), syntax errors (the first one ends the parse, as in
// Puppet), the class name stack and the list of definitions.
import type { Definition, Span } from './ast.js';
import { diagnostic, type Diagnostic } from './diagnostics.js';
import type { SourceFile } from './source.js';
import { T, type Token } from './tokens.js';

/** Thrown to unwind the parser at the first syntax error; never escapes parse(). */
export class ParseStop {
  readonly diagnostic: Diagnostic;
  constructor(d: Diagnostic) {
    this.diagnostic = d;
  }
}

/** Something with a position: a token or a node. */
export type Locatable = { readonly span: Span } | Token;

function startOf(l: Locatable): number {
  return 'span' in l ? l.span.start : l.start;
}
function endOf(l: Locatable): number {
  return 'span' in l ? l.span.end : l.end;
}

/**
 * Puppet's record_position: from the start of `first` to the end of `last`
 * (or of `first` alone). Node spans follow Puppet's choices, so a node's line
 * and column are the ones Puppet reports (a binary expression is located at
 * its operator, a resource at its type name).
 */
export function loc(first: Locatable, last?: Locatable): Span {
  return { start: startOf(first), end: endOf(last ?? first) };
}

export class ParserState {
  readonly tokens: Token[];
  readonly source: SourceFile;
  i = 0;
  readonly definitions: Definition[] = [];
  /** Enclosing class names, so nested classes and defines get qualified names. */
  readonly namestack: string[] = [];

  constructor(tokens: Token[], source: SourceFile) {
    this.tokens = tokens;
    this.source = source;
  }

  get tok(): Token {
    return this.tokens[this.i];
  }

  /** The current token's type (a method, so TypeScript does not narrow it across calls). */
  cur(): T {
    return this.tokens[this.i].type;
  }

  peek(n = 1): Token {
    const j = this.i + n;
    return this.tokens[j < this.tokens.length ? j : this.tokens.length - 1];
  }

  next(): Token {
    const t = this.tokens[this.i];
    if (t.type !== T.EOF && t.type !== T.ERROR) this.i++;
    return t;
  }

  accept(type: T): Token | undefined {
    if (this.tokens[this.i].type === type) return this.next();
    return undefined;
  }

  expect(type: T): Token {
    if (this.tokens[this.i].type !== type) this.syntaxError();
    return this.next();
  }

  /** Reports "Syntax error at <current token>" (or the pending lexical error) and stops. */
  syntaxError(at: Token = this.tok): never {
    if (at.type === T.ERROR && at.diag) throw new ParseStop(at.diag);
    if (at.type === T.EOF) {
      const d = diagnostic('SYNTAX_ERROR', this.source, { start: at.start, end: at.end }, { where: 'end of input' });
      throw new ParseStop({ ...d, noPosition: true });
    }
    throw new ParseStop(diagnostic('SYNTAX_ERROR', this.source, { start: at.start, end: at.end }, { where: `'${tokenText(at)}'` }));
  }

  /**
   * A parser error with a free text message (Puppet's `error(semantic, message)`).
   * Puppet raises these in reduce actions, mostly after reading the lookahead
   * token, so a lexical error in that token comes first; `afterLookahead` is
   * false for rules that end in a closing token (reduced without lookahead).
   */
  error(at: Locatable, message: string, afterLookahead = true): never {
    const la = this.tokens[this.i];
    if (afterLookahead && la.type === T.ERROR && la.diag) throw new ParseStop(la.diag);
    throw new ParseStop(diagnostic('PARSE_ERROR', this.source, loc(at), { message }));
  }

  /** Lexer warnings Puppet would have issued before stopping at the current token. */
  warningsSoFar(warnings: readonly Diagnostic[]): Diagnostic[] {
    return warnings.filter((w) => w.tokenIndex === undefined || w.tokenIndex <= this.i);
  }

  addDefinition<D extends Definition>(d: D): D {
    this.definitions.push(d);
    return d;
  }

  /** Puppet's classname(): prefixes the enclosing class names. */
  qualify(name: string): string {
    // [namespace, name].join('::').sub(/^::/, '') as Puppet does: `class ::a`
    // keeps its leading `::` (and is then an illegal definition name)
    const full = `${this.namestack.join('::')}::${name}`;
    return full.startsWith('::') ? full.slice(2) : full;
  }
}

/** The token's value as Puppet prints it in "Syntax error at '...'". */
export function tokenText(t: Token): string {
  if (t.type === T.REGEX) return `(?-mix:${t.value})`;
  return t.value;
}
