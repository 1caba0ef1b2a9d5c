// ERB templates rendered as Puppet 7's template() and inline_template() render
// them: ERB with trim mode '-', the scope's variables as instance variables,
// `scope` answering lookups and function calls from the compiler, and Puppet's
// error texts (with the template's file and line).
import { RubyRuntime, RubyRuntimeError } from './runtime.js';
import { fromRubyJson, toRubyLiteral, rubyString, type RubyValue } from './values.js';

/** What a template sees of the calling Puppet scope; every call is synchronous. */
export interface ErbScope {
  /**
   * Puppet's `scope.to_hash`: every variable visible from the calling scope by
   * its unqualified name (top scope, node scope, the class or define chain,
   * facts as top-scope variables), the innermost binding winning, variables
   * whose value is undef left out. Becomes the template's `@name` variables.
   */
  variables(): ReadonlyMap<string, RubyValue>;
  /** `scope['x']`, `scope.lookupvar('x')`, `scope['::x']`, `scope['mod::x']`: undefined when unknown or undef. */
  lookup(name: string): RubyValue;
  /** `scope.exist?('x')`: whether the variable is set, to undef included. Default: lookup(name) !== undefined. */
  exists?(name: string): boolean;
  /**
   * `scope.call_function('f', [args])` (api '4x') and `scope.function_f([args])`
   * (api '3x'). Throw to fail the template: the error's message becomes the
   * Ruby exception's message, as Puppet's errors do.
   */
  callFunction?(name: string, args: readonly RubyValue[], api: '3x' | '4x'): RubyValue;
  /** The catalog's classes (the wrapper's `classes`). */
  classes?(): readonly string[];
  /** The catalog's tags (the wrapper's `all_tags`). */
  tags?(): readonly string[];
  /**
   * Names the Puppet scope, unique in the process: templates rendered with the
   * same id share what `scope.setvar` stored (kept Ruby-side, by reference).
   */
  readonly id?: string;
}

export interface ErbTemplateFile {
  /** The name as passed to template(), e.g. 'demo/legacy.conf.erb'. */
  readonly name: string;
  /** The file found for it (absolute): the template's `file`, and its backtraces' file name. */
  readonly path: string;
  /** The file's content, line endings preserved. */
  readonly source: string;
}

/** A template that failed; `message` is Puppet's text for it, without the manifest location. */
export class ErbError extends Error {}

interface RubyFailure {
  readonly class: string;
  readonly message: string;
  readonly standard: boolean;
  readonly backtrace: readonly string[];
}

/** template(name): renders one template file. Throws ErbError as Puppet's template() fails. */
export function renderErb(runtime: RubyRuntime, template: ErbTemplateFile, scope: ErbScope): string {
  const answer = render(runtime, template.source, template.path, scope);
  if (answer.ok) return answer.text;
  const f = answer.failure;
  if (f.class === 'SyntaxError') throw new ErbError(syntaxErrorMessage(`template ${template.name}`, f));
  // Puppet reports the first backtrace line's file and line, split at ':'.
  const info = (f.backtrace[0] ?? '').split(':');
  throw new ErbError(
    `Failed to parse template ${template.name}:\n` +
      `  Filepath: ${info[0] ?? ''}\n` +
      `  Line: ${info[1] ?? ''}\n` +
      `  Detail: ${f.message}\n`,
  );
}

/** inline_template(source): renders a template given as a string. Throws ErbError as Puppet's inline_template() fails. */
export function inlineErb(runtime: RubyRuntime, source: string, scope: ErbScope): string {
  const answer = render(runtime, source, undefined, scope);
  if (answer.ok) return answer.text;
  const f = answer.failure;
  if (f.class === 'SyntaxError') throw new ErbError(syntaxErrorMessage('inline template', f));
  throw new ErbError(`Failed to parse inline template: ${f.message}`);
}

// Puppet rescues StandardError only: a SyntaxError escapes template() and
// fails the whole compilation with Ruby's message (puppet 7.23 prints a Ruby
// stack trace). We fail the function instead, naming the template and line.
function syntaxErrorMessage(what: string, f: RubyFailure): string {
  const m = /^(.*?):(\d+): ([^\n]*)/.exec(f.message);
  const detail = m ? `${m[3]} (line ${m[2]})` : f.message.split('\n')[0];
  return `Failed to parse ${what}: ${detail}`;
}

type Answer = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly failure: RubyFailure };

function render(runtime: RubyRuntime, source: string, path: string | undefined, scope: ErbScope): Answer {
  const vars = referencedVariables(source, scope.variables());
  // Puppet's strings are frozen; the magic comment makes the literals so.
  const code = `# frozen_string_literal: true\nBunraku.render(${rubyString(source)}, ${path === undefined ? 'nil' : rubyString(path)}, ${toRubyLiteral(vars)}, ${scope.id === undefined ? 'nil' : rubyString(scope.id)})`;
  let out: string;
  try {
    out = runtime.evalSync(code, (op, args) => answerCallback(scope, op, args));
  } catch (e) {
    if (e instanceof RubyRuntimeError) throw new ErbError(`Cannot render ${path ?? 'an inline template'}: ${e.message}`);
    throw e;
  }
  if (out.startsWith('O')) return { ok: true, text: out.slice(1) };
  return { ok: false, failure: JSON.parse(out.slice(1)) as RubyFailure };
}

// Only the instance variables the template names cross into Ruby (a scope
// holds every fact); a template that reaches variables dynamically gets all.
const DYNAMIC_ACCESS = /instance_variable|binding|\beval\b|\bsend\b/;

function referencedVariables(source: string, all: ReadonlyMap<string, RubyValue>): ReadonlyMap<string, RubyValue> {
  if (DYNAMIC_ACCESS.test(source)) return all;
  const picked = new Map<string, RubyValue>();
  for (const m of source.matchAll(/@(\w+)/g)) {
    const name = m[1];
    if (!picked.has(name) && all.has(name)) picked.set(name, all.get(name));
  }
  return picked;
}

function answerCallback(scope: ErbScope, op: string, argsJson: string): string {
  const args = fromRubyJson(argsJson) as readonly RubyValue[];
  const value = (v: RubyValue): string => `V${toRubyLiteral(v)}`;
  switch (op) {
    case 'lookup':
      return value(scope.lookup(args[0] as string));
    case 'exist':
      return value(scope.exists ? scope.exists(args[0] as string) : scope.lookup(args[0] as string) !== undefined);
    case 'to_hash':
      return value(scope.variables());
    case 'call': {
      const [name, fargs, api] = args as [string, readonly RubyValue[], '3x' | '4x'];
      if (!scope.callFunction) return `EUnknown function: '${name}'`;
      return value(scope.callFunction(name, fargs, api));
    }
    case 'classes':
      return value(scope.classes ? [...scope.classes()] : []);
    case 'all_tags':
      return value(scope.tags ? [...scope.tags()] : []);
    default:
      return `EUnknown callback "${op}" from the template runtime`;
  }
}
