// One compile's catalog semantics: resources, classes (include/require/contain,
// resource-like, inheritance, stages), defined types (evaluated lazily),
// defaults, overrides, virtual resources and collectors, relationships and
// tags, following Puppet 7's compiler. Implements the evaluator's RuntimeOps.
import type * as A from '../lang/ast.js';
import type { SourceFile } from '../lang/source.js';
import {
  PHash, PSensitive, TypeValue, fromJson, toJsRegExp, isTruthy, puppetEquals, toPuppetString, valueKind, type Value,
} from '../lang/values.js';
import { ClassType, ResourceType, TypeAliasType, capitalizeTypeName } from '../lang/types/types.js';
import { inferType, isInstance } from '../lang/types/instance.js';
import { describeMismatch, describeMismatches } from '../lang/types/mismatch.js';
import { builtinType } from '../lang/types/factory.js';
import { Catalog, CatalogResource, type ResourceKind } from '../catalog/catalog.js';
import { Evaluator } from '../lang/evaluator/evaluator.js';
import { EvalError, UserError, evalErrorAtLine, evalErrorText } from '../lang/evaluator/errors.js';
import { CompileError } from './errors.js';
import { Scope } from '../lang/evaluator/scope.js';
import type { BuiltinFunction, Callable, IncludeMode, LogLevel, RuntimeOps } from '../lang/evaluator/runtime.js';
import { CORE_TYPES, METAPARAMS } from './core-types.js';
import { exportedResourcesOf, toExportData, type ExportQuery, type ExportedResource, type ExportedResourceSource } from '../exports/index.js';
import type { Definitions } from './definitions.js';
import type { RubyTypeLookup } from './external-functions.js';

const TAG_RE = /^[\p{L}\p{N}_][\p{L}\p{N}_:.-]*$/u;
/** Metaparameters a define instance passes on to the resources it contains. */
const INHERITED_METAPARAMS = ['noop', 'schedule', 'audit', 'loglevel', 'tag'];
const RELATION_METAPARAMS: Record<string, true> = { before: true, require: true, notify: true, subscribe: true };
const RELATION_PARAMS: Record<string, string> = { '->': 'before', '~>': 'notify', '<-': 'before', '<~': 'notify' };

/** Where a resource was declared and what remains to be done with it. */
interface ResourceInfo {
  readonly scope: Scope;
  readonly source: SourceFile | undefined;
  readonly define?: A.ResourceTypeDefinition;
  evaluated: boolean;
  /** Line of the declaration, for "already declared" messages. */
  readonly line: number | undefined;
}

interface Collector {
  readonly typeName: string;
  readonly query: A.Expression | undefined;
  readonly operations: A.AbstractAttributeOperation[];
  readonly scope: Scope;
  readonly source: SourceFile | undefined;
  readonly seen: Set<CatalogResource>;
  /** `<<| |>>`: the query in the store's form, and whether the store was searched yet. */
  readonly exported?: { readonly query: ExportQuery | undefined; searched: boolean };
}

interface Relationship {
  readonly left: Value;
  readonly right: Value;
  readonly op: A.RelationshipOperator;
  readonly source: SourceFile | undefined;
  readonly at: A.Expression;
}

interface PendingOverride {
  readonly ref: string;
  readonly params: [string, Value, boolean][];
  readonly scope: Scope;
  readonly source: SourceFile | undefined;
  readonly at: A.Expression;
}

export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
  readonly scope: string;
}

export class Compilation implements RuntimeOps {
  readonly info = new Map<CatalogResource, ResourceInfo>();
  readonly classScopes: Map<string, Scope>;
  private readonly collectors: Collector[] = [];
  private readonly relationships: Relationship[] = [];
  private readonly overrides: PendingOverride[] = [];
  private readonly realizeRequests: { refs: string[]; at: Scope }[] = [];
  readonly logs: LogEntry[] = [];
  /** Tags merged from Class and Node resources as they are instantiated (Puppet's catalog.merge_tags_from). */
  readonly compileTags: string[] = [];
  mainStage!: CatalogResource;
  mainClass!: CatalogResource;
  /** Functions from outside the language (modules' Ruby functions), tried after all others. */
  externalFunctions: ((name: string) => BuiltinFunction | undefined) | undefined;
  /** Modules' custom resource types (attributes, key attributes, title patterns). */
  rubyTypes: RubyTypeLookup | undefined;
  /** Automatic parameter lookup (Hiera) of `class::param` for class parameters not given. */
  parameterLookup: ((qualifiedName: string, scope: Scope) => { found: boolean; value: Value }) | undefined;

  constructor(
    readonly ev: Evaluator,
    readonly defs: Definitions,
    readonly catalog: Catalog,
    readonly nodeName: string,
    private readonly readModuleFile: (spec: string, folder: 'files' | 'templates') => { path: string; text: string } | undefined,
    private readonly eppRenderer: (text: string, path: string | undefined, params: Value, scope: Scope) => string,
    private readonly moduleDir: (name: string) => string | undefined,
    private readonly hostIsFile: (path: string) => boolean,
  ) {
    this.classScopes = ev.classScopes;
  }

  currentSource = (): SourceFile | undefined => this.ev.source;

  // ---------------------------------------------------------------- helpers

  private lineOf(span: A.Span | undefined): number | undefined {
    const src = this.ev.source;
    return src && span ? src.lineOf(span.start) : undefined;
  }

  private location(r: CatalogResource): string {
    const parts: string[] = [];
    if (r.file) parts.push(`file: ${r.file}`);
    if (r.line !== undefined) parts.push(`line: ${r.line}`);
    return parts.length ? ` (${parts.join(', ')})` : '';
  }

  /** Adds a tag with Puppet's rules: lower-cased, and `a::b` also adds `a` and `b`. */
  static addTag(tags: { add(t: string): void }, raw: string): void {
    const t = raw.toLowerCase();
    tags.add(t);
    if (t.includes('::') && TAG_RE.test(t)) for (const seg of t.split('::')) if (seg) tags.add(seg);
  }

  private mergeCompileTags(r: CatalogResource): void {
    for (const t of r.tags.toArray()) if (!this.compileTags.includes(t)) this.compileTags.push(t);
  }

  /** Adds a resource to the catalog and its containment edge from the scope's resource. */
  addResource(r: CatalogResource, container: CatalogResource | undefined, aliasRef?: string, key?: string): void {
    const existing = this.catalog.get(r.ref);
    if (existing) throw new UserError(this.duplicateMessage(existing, r));
    const clash = aliasRef !== undefined ? this.catalog.get(aliasRef) : undefined;
    if (clash) {
      // Puppet's catalog alias: the resource's key attribute names a resource already there
      if (key === undefined) throw new UserError(this.duplicateMessage(clash, r));
      const q = JSON.stringify(key);
      throw new UserError(`Cannot alias ${r.ref} to [${q}] at${this.location(r)}; resource [${JSON.stringify(r.type)}, ${q}] already declared${this.location(clash)}`);
    }
    this.catalog.add(r);
    if (aliasRef !== undefined && aliasRef !== r.ref) this.catalog.alias(aliasRef, r);
    if (container && r.type !== 'Stage') this.catalog.addEdge(container, r);
  }

  private duplicateMessage(existing: CatalogResource, r: CatalogResource): string {
    const here = r.file !== undefined || r.line !== undefined ? this.location(r) : '';
    const there = existing.file !== undefined || existing.line !== undefined ? ` at${this.location(existing)}` : '';
    return `Duplicate declaration: ${r.ref} is already declared${there}; cannot redeclare${here}`;
  }

  /** Each resource's container, whose tags it receives when its evaluation finishes. */
  private readonly tagContainer = new Map<CatalogResource, CatalogResource>();

  private scopeTags(r: CatalogResource, scope: Scope): void {
    const container = scope.resource;
    if (container && container !== r) this.tagContainer.set(r, container);
  }

  /** Whether the resource has the tag, counting the tags it will receive from its container. */
  private hasTag(r: CatalogResource, tag: string): boolean {
    for (let x: CatalogResource | undefined = r; x; x = this.tagContainer.get(x)) if (x.tags.has(tag)) return true;
    return false;
  }

  /** Puppet's add_scope_tags: merges the container's tags once (classes and defines when evaluated, others at the end). */
  private finishTags(r: CatalogResource): void {
    const container = this.tagContainer.get(r);
    if (!container) return;
    this.tagContainer.delete(r);
    this.finishTags(container);
    r.tags.addAll(container.tags.toArray());
  }

  /** Evaluates attribute operations into [name, value, append] triples. */
  private evalOperations(ops: readonly A.AbstractAttributeOperation[], scope: Scope): [string, Value, boolean][] {
    const out: [string, Value, boolean][] = [];
    for (const op of ops) {
      if (op.kind === 'AttributeOperation') {
        out.push([op.attributeName, this.ev.evaluate(op.valueExpr, scope), op.operator === '+>']);
      } else {
        const h = this.ev.evaluate(op.expr, scope);
        if (h === undefined) continue;
        if (!(h instanceof PHash)) throw this.ev.error(`Unfolding of attributes from Hash can only be used with a Hash value, got ${toPuppetString(h)}`, op);
        for (const [k, v] of h) out.push([String(k), v, false]);
      }
    }
    return out;
  }

  // -------------------------------------------------------------- resources

  /** Resolves the type of a resource expression: 'class', a define, or a core/module Ruby type. */
  private resourceTypeOf(typeName: string): { kind: 'class' } | { kind: 'define'; def: A.ResourceTypeDefinition } | { kind: 'core' } | undefined {
    const n = typeName.toLowerCase().replace(/^::/, '');
    if (n === 'class') return { kind: 'class' };
    if (CORE_TYPES.has(n)) return { kind: 'core' };
    const def = this.defs.findDefine(n);
    if (def) return { kind: 'define', def };
    if (this.defs.hasRubyType(n)) return { kind: 'core' };
    return undefined;
  }

  isResourceType(name: string): boolean {
    const n = name.toLowerCase().replace(/^::/, '');
    return n === 'node' || n === 'class' || this.resourceTypeOf(n) !== undefined;
  }

  private typeNameOf(e: A.Expression, scope: Scope, expr: A.Expression): string {
    if (e.kind === 'QualifiedName') return e.value.replace(/^::/, '');
    const v = this.ev.evaluate(e, scope);
    if (e.kind !== 'VariableExpression') {
      if (v instanceof ResourceType && v.typeName && v.title === undefined) return v.typeName.toLowerCase();
      if (v instanceof ClassType && v.className === undefined) return 'class';
      if (typeof v === 'string') return v.toLowerCase();
    }
    const t = Array.isArray(v) && v.length > 0 ? `Array[${inferType(v[0]).toString()}]` : inferType(v).toString();
    throw this.ev.error(`Illegal Resource Type expression, expected result to be a type name, or untitled Resource, got ${t}`, expr);
  }

  declareResources(expr: A.ResourceExpression, scope: Scope): Value {
    const typeName = this.typeNameOf(expr.typeName, scope, expr);
    const resolved = this.resourceTypeOf(typeName);
    if (!resolved) throw new UserError(`Unknown resource type: '${typeName}'`);
    const refs: Value[] = [];
    // a `default:` body supplies values for the other bodies of the same expression
    const defaultBody = expr.bodies.find((b) => b.title.kind === 'LiteralDefault');
    const defaultParams = defaultBody ? this.evalOperations(defaultBody.operations, scope) : [];
    for (const body of expr.bodies) {
      if (body === defaultBody) continue;
      const titleValue = this.ev.evaluate(body.title, scope);
      const titles = (Array.isArray(titleValue) ? titleValue.flat(Infinity as 1) : [titleValue]) as Value[];
      const params = this.evalOperations(body.operations, scope);
      const seen = new Set<string>();
      for (const [n, , append] of params) {
        if (seen.has(n) && !append) throw this.ev.error(`The attribute '${n}' has already been set`, expr);
        seen.add(n);
      }
      const merged = [...defaultParams.filter(([n]) => !params.some(([m]) => m === n)), ...params];
      const seenTitles = new Set<string>();
      for (const t of titles) {
        if (typeof t === 'string') {
          if (seenTitles.has(t)) throw this.ev.error(`The title '${t}' has already been used in this resource expression`, expr);
          seenTitles.add(t);
        }
        if (resolved.kind === 'class') {
          const name = t instanceof ClassType ? t.className ?? '' : toPuppetString(t).toLowerCase().replace(/^::/, '');
          this.declareClassResourceLike(name, merged, scope, expr, expr.form);
          refs.push(new ClassType(name));
          continue;
        }
        const idx = titles.indexOf(t);
        if (t === '') throw this.ev.error(`Empty string title at ${idx}. Title strings must have a length greater than zero.`, body.title);
        if (t === undefined) throw this.ev.error(`Missing title. The title expression resulted in undef`, body.title);
        if (typeof t !== 'string' && !(t instanceof ResourceType)) throw this.ev.error(`Illegal title type at index ${idx}. Expected String, got ${valueKind(t)}`, body.title);
        const title = t instanceof ResourceType && t.title !== undefined ? t.title : toPuppetString(t);
        const r = this.createResource(typeName, title, merged, scope, expr, expr.form, resolved.kind === 'define' ? resolved.def : undefined);
        refs.push(new ResourceType(r.type, r.title));
      }
    }
    return Object.freeze(refs);
  }

  createResource(
    typeName: string, title: string, params: [string, Value, boolean][], scope: Scope, at: A.Node | undefined,
    form: A.ResourceForm, define: A.ResourceTypeDefinition | undefined,
  ): CatalogResource {
    const type = capitalizeTypeName(typeName);
    const kind: ResourceKind = define ? 'defined_type' : 'compilable_type';
    const r = new CatalogResource(type, title, kind);
    r.file = this.ev.source?.path || undefined;
    r.line = this.lineOf(at?.span);
    r.virtual = form !== 'regular';
    r.exported = form === 'exported';
    // explicit tags first, then the type name, the title, and the container's tags
    for (const [name, value] of params) {
      if (name !== 'tag') continue;
      for (const t of [value].flat(Infinity as 1) as Value[]) {
        if (t === undefined) continue;
        const tag = toPuppetString(t);
        if (!TAG_RE.test(tag)) throw new CompileError(`Invalid tag '${tag}'`, { file: r.file, line: r.line, column: undefined });
        Compilation.addTag(r.tags, tag);
      }
    }
    Compilation.addTag(r.tags, typeName);
    if (TAG_RE.test(title)) Compilation.addTag(r.tags, title);
    this.scopeTags(r, scope);
    const core = CORE_TYPES.get(typeName);
    // an attribute set to undef keeps its place and blocks a resource default (it is left out of the catalog)
    for (const [name, value, append] of params) {
      if (append) {
        const old = r.parameters.get(name);
        r.parameters.set(name, old === undefined ? value : Object.freeze([...[old].flat(), ...[value].flat()]) as Value);
      } else r.parameters.set(name, value);
    }
    this.applyDefaults(r, typeName, scope);
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.kind !== 'define') continue;
      const container = s.resource;
      for (const m of INHERITED_METAPARAMS) {
        const v = container?.parameters.get(m);
        if (v !== undefined && !r.parameters.has(m)) r.parameters.set(m, v);
      }
    }
    let aliasRef: string | undefined;
    let aliasKey: string | undefined;
    if (core) {
      const given = r.parameters.get(core.namevar);
      if (given !== undefined && given === title) r.parameters.delete(core.namevar);
      let namevar = given !== undefined ? toPuppetString(given) : title;
      if (typeName === 'file') {
        // the file type's title pattern drops trailing slashes; the path then differs from the title
        const munged = namevar.length > 1 ? namevar.replace(/\/+$/, '') || '/' : namevar;
        if (given === undefined && munged !== title) {
          const rest = [...r.parameters];
          r.parameters.clear();
          r.parameters.set('path', munged);
          for (const [k, v] of rest) r.parameters.set(k, v);
        }
        namevar = munged;
      }
      if (namevar !== title) aliasRef = `${type}[${namevar}]`;
      if (namevar !== title && typeName !== 'file') aliasKey = namevar;
      if (given !== undefined && given !== title) moveFirst(r.parameters, core.namevar);
    } else if (!define && this.rubyTypes && this.defs.hasRubyType(typeName)) {
      // a module's type with one key attribute: that attribute names the resource too
      const info = this.rubyTypes(typeName);
      const keyAttr = info && !info.loadError && info.namevars.length === 1 ? info.namevars[0] : undefined;
      const given = keyAttr !== undefined ? r.parameters.get(keyAttr) : undefined;
      if (keyAttr !== undefined && given === title) r.parameters.delete(keyAttr);
      else if (typeof given === 'string') {
        aliasRef = `${type}[${given}]`;
        aliasKey = given;
        moveFirst(r.parameters, keyAttr!);
      }
    }
    if (define && r.parameters.get('name') === title) r.parameters.delete('name');
    if (r.parameters.get('stage') !== undefined) throw new UserError(`Only classes can set 'stage'; normal resources like ${r.ref} cannot change run stage`);
    this.addResource(r, scope.resource, aliasRef, aliasKey);
    for (const a of [r.parameters.get('alias')].flat(Infinity as 1) as Value[]) if (a !== undefined) this.catalog.alias(`${type}[${toPuppetString(a)}]`, r);
    this.info.set(r, { scope, source: this.ev.source, define, evaluated: !define, line: r.line });
    return r;
  }

  /** Applies resource defaults found along the dynamic scope chain (nearest wins) to unset parameters. */
  private applyDefaults(r: CatalogResource, typeName: string, scope: Scope): void {
    const chain: Scope[] = [];
    for (let s: Scope | undefined = scope; s; s = s.parent) chain.push(s);
    for (const s of chain) {
      const d = s.defaults.get(typeName.toLowerCase());
      if (!d) continue;
      for (const [k, v] of d) {
        if (r.parameters.has(k) || v === undefined) continue;
        r.parameters.set(k, v);
        this.setParamSource(r, k, s.owner, this.defaultLines.get(s)?.get(typeName.toLowerCase()));
      }
    }
  }

  /** Where each parameter that came from elsewhere than the resource body was set (resource defaults). */
  private readonly paramSources = new Map<CatalogResource, Map<string, { scope: Scope; line: number | undefined }>>();
  /** The line of each scope's resource-defaults statement, by type. */
  private readonly defaultLines = new Map<Scope, Map<string, number | undefined>>();

  private setParamSource(r: CatalogResource, name: string, scope: Scope, line: number | undefined): void {
    let m = this.paramSources.get(r);
    if (!m) this.paramSources.set(r, (m = new Map()));
    m.set(name, { scope, line });
  }

  declareDefaults(expr: A.ResourceDefaultsExpression, scope: Scope): Value {
    const t = this.ev.evaluate(expr.typeRef, scope);
    const typeName = t instanceof ResourceType && t.typeName ? t.typeName.toLowerCase() : t instanceof ClassType ? 'class' : toPuppetString(t).toLowerCase();
    const params = this.evalOperations(expr.operations, scope);
    const target = scope.kind === 'local' || scope.kind === 'lambda' ? scope.owner : scope;
    let d = target.defaults.get(typeName);
    if (!d) target.defaults.set(typeName, (d = new Map()));
    let lines = this.defaultLines.get(target);
    if (!lines) this.defaultLines.set(target, (lines = new Map()));
    lines.set(typeName, this.lineOf(expr.span));
    for (const [k, v] of params) d.set(k, v);
    return undefined;
  }

  declareOverride(expr: A.ResourceOverrideExpression, scope: Scope): Value {
    const refsValue = this.ev.evaluate(expr.resources, scope);
    const params = this.evalOperations(expr.operations, scope);
    for (const ref of [refsValue].flat(Infinity as 1) as Value[]) {
      const key = this.refKey(ref);
      this.overrides.push({ ref: key, params, scope, source: this.ev.source, at: expr });
    }
    this.applyOverrides(false);
    return undefined;
  }

  /** Applies queued overrides whose resources exist; at the end (`final`) a missing resource is an error. */
  private applyOverrides(final: boolean): void {
    for (let i = 0; i < this.overrides.length; i++) {
      const o = this.overrides[i];
      const r = this.catalog.get(o.ref);
      if (!r) {
        if (final) throw new CompileError(`Could not find resource(s) ${o.ref} for overriding`);
        continue;
      }
      this.overrides.splice(i--, 1);
      const declaredIn = this.info.get(r)?.scope.owner;
      for (const [name, value, append] of o.params) {
        // a parameter may be overridden from the scope that set it or from a class inheriting that scope
        const source = this.paramSources.get(r)?.get(name);
        const setIn = source?.scope ?? declaredIn;
        const mayRedefine = setIn !== undefined && (o.scope.owner === setIn || this.inherits(o.scope.owner, setIn));
        const old = r.parameters.get(name);
        if (name === 'tag') for (const t of [value].flat(Infinity as 1) as Value[]) if (t !== undefined) Compilation.addTag(r.tags, toPuppetString(t));
        if (append) {
          r.parameters.set(name, old === undefined ? value : (Object.freeze([...[old].flat(), ...[value].flat()]) as Value));
        } else if (value === undefined) {
          r.parameters.delete(name);
        } else {
          if (old !== undefined && !mayRedefine) {
            const line = source ? source.line : r.line;
            const at = r.file !== undefined || line !== undefined ? ` at (${[r.file && `file: ${r.file}`, line !== undefined && `line: ${line}`].filter(Boolean).join(', ')})` : '';
            throw new EvalError(`Parameter '${name}' is already set on ${r.ref}${at}; cannot redefine`, o.source, o.at.span);
          }
          r.parameters.set(name, value);
        }
      }
    }
  }

  private inherits(child: Scope, parent: Scope): boolean {
    for (let s: Scope | undefined = child; s; s = s.inherited) if (s === parent) return true;
    return false;
  }

  private refKey(ref: Value): string {
    if (ref instanceof ResourceType && ref.title !== undefined) return ref.refString();
    if (ref instanceof ClassType && ref.className !== undefined) return ref.refString();
    if (typeof ref === 'string') {
      const m = /^([\w:]+)\[(.*)\]$/s.exec(ref);
      if (m) return m[1].toLowerCase() === 'class' ? `Class[${capitalizeTypeName(m[2].toLowerCase())}]` : `${capitalizeTypeName(m[1].toLowerCase())}[${m[2]}]`;
    }
    throw new UserError(`Illegal resource reference ${toPuppetString(ref)}`);
  }

  // ------------------------------------------------------------ collectors

  /**
   * Other nodes' exported resources, for `<<| |>>` (Puppet with storeconfigs);
   * undefined is Puppet without storeconfigs, where exported collectors collect
   * nothing (pops/evaluator/collectors/exported_collector.rb, #evaluate).
   */
  exports: ExportedResourceSource | undefined;
  /** Resources collected from other nodes, by collector id `certname|Type|title` (puppetdb's resource terminus). */
  private readonly collectorIds = new Map<CatalogResource, string>();

  collect(expr: A.CollectExpression, scope: Scope): Value {
    let typeName: string;
    if (expr.typeExpr.kind === 'QualifiedReference') {
      // CollectorTransformer#transform takes the reference's name as written and checks it
      typeName = expr.typeExpr.value;
      const lower = typeName.toLowerCase().replace(/^::/, '');
      const what = expr.query.kind === 'ExportedQuery' ? 'Exported Query' : 'Virtual Query';
      if (lower === 'class') throw this.ev.error('Classes cannot be collected', expr, what);
      if (!this.resourceTypeOf(lower)) throw this.ev.error(`Resource type ${lower} doesn't exist`, expr, what);
    } else {
      const t = this.ev.evaluate(expr.typeExpr, scope);
      typeName = t instanceof ResourceType && t.typeName ? t.typeName : toPuppetString(t);
    }
    let exported: Collector['exported'];
    if (expr.query.kind === 'ExportedQuery') {
      if (!this.exports) {
        // Puppet's RT_NO_STORECONFIGS issue, a warning when storeconfigs is off (evaluator_impl.rb, eval_CollectExpression)
        const src = this.ev.source;
        const where = src ? ` (file: ${src.path}, line: ${src.lineOf(expr.span.start)}, column: ${src.columnOf(expr.span.start)})` : '';
        this.log('warning', `You cannot collect exported resources without storeconfigs being set; the collection will be ignored${where}`, scope);
        return Object.freeze([]);
      }
      exported = { query: this.exportQuery(expr.query.expr, scope), searched: false };
    }
    const collector: Collector = { typeName, query: expr.query.expr, operations: expr.operations, scope, source: this.ev.source, seen: new Set(), exported };
    this.collectors.push(collector);
    // the value of a collector is what it collects by the end of the compile (used by relationships)
    const marker = Object.freeze([]) as readonly Value[];
    this.collectorValues.set(marker, collector);
    return marker;
  }

  /**
   * The collector's query as the store takes it, built as Puppet's
   * CollectorTransformer#match_* builds the `[lhs, op, rhs]` array it hands to
   * puppetdb's terminus: operands evaluated once, when the collector is made.
   */
  private exportQuery(q: A.Expression | undefined, scope: Scope): ExportQuery | undefined {
    if (q === undefined) return undefined;
    switch (q.kind) {
      case 'ParenthesizedExpression': return this.exportQuery(q.expr, scope);
      case 'AndExpression':
      case 'OrExpression': {
        const left = this.exportQuery(q.leftExpr, scope);
        const right = this.exportQuery(q.rightExpr, scope);
        if (!left || !right) return undefined;
        return { op: q.kind === 'AndExpression' ? 'and' : 'or', left, right };
      }
      case 'ComparisonExpression': {
        const field = toPuppetString(this.exportOperand(q.leftExpr, scope));
        const operand = this.exportOperand(q.rightExpr, scope);
        // a resource reference reaches PuppetDB as the resource's data hash (Puppet::Resource#to_json
        // in puppetdb's terminus), which no stored parameter equals: such a comparison never matches
        const value = operand instanceof ResourceType && operand.title !== undefined
          ? { type: operand.typeName ?? '', title: operand.title }
          : operand instanceof ClassType && operand.className !== undefined ? { type: 'Class', title: operand.className } : toExportData(operand);
        if (q.operator !== '==' && q.operator !== '!=') throw new UserError(`Operator ${q.operator} in [${field}, ${q.operator}, ${JSON.stringify(value)}] not supported`);
        return { op: q.operator, field, value };
      }
      default: throw new UserError(`Cannot transform object of class ${q.kind}`);
    }
  }

  /** An operand of a query comparison: the kinds CollectorTransformer accepts. */
  private exportOperand(e: A.Expression, scope: Scope): Value {
    switch (e.kind) {
      case 'ParenthesizedExpression': return this.exportOperand(e.expr, scope);
      case 'LiteralUndef': return undefined;
      case 'QualifiedName': case 'LiteralString': case 'ConcatenatedString': case 'LiteralInteger': case 'LiteralFloat':
      case 'LiteralBoolean': case 'VariableExpression': case 'AccessExpression':
        return this.ev.evaluate(e, scope);
      default: throw new UserError(`Cannot transform object of class ${e.kind}`);
    }
  }

  /** The node's exported resources, as the store keeps them (call after the compile finished). */
  exportedResources(): ExportedResource[] {
    return exportedResourcesOf(this.catalog);
  }

  private readonly collectorValues = new WeakMap<object, Collector>();

  private queryMatches(q: A.Expression | undefined, r: CatalogResource, scope: Scope): boolean {
    if (q === undefined) return true;
    switch (q.kind) {
      case 'ParenthesizedExpression': return this.queryMatches(q.expr, r, scope);
      case 'AndExpression': return this.queryMatches(q.leftExpr, r, scope) && this.queryMatches(q.rightExpr, r, scope);
      case 'OrExpression': return this.queryMatches(q.leftExpr, r, scope) || this.queryMatches(q.rightExpr, r, scope);
      case 'ComparisonExpression': {
        const attr = q.leftExpr.kind === 'QualifiedName' ? q.leftExpr.value : toPuppetString(this.ev.evaluate(q.leftExpr, scope));
        const value = this.ev.evaluate(q.rightExpr, scope);
        // Puppet's CollectorTransformer#query_ComparisonExpression: `tag ==` asks for all the tags
        // given; otherwise `resource[attr]` (title, else the parameter), where `==` looks into an
        // array parameter and `!=` is the plain negated equality (so `tag !=` reads the tag parameter)
        const ref = (x: Value): Value => (x instanceof ResourceType ? x.refString() : x);
        const actual = attr === 'title' ? r.title : r.parameters.get(attr);
        if (q.operator === '==') {
          if (attr === 'tag') return ([value].flat(Infinity as 1) as Value[]).every((t) => this.hasTag(r, toPuppetString(t).toLowerCase()));
          if (Array.isArray(actual)) return actual.some((x) => puppetEquals(ref(x), ref(value)));
          return puppetEquals(ref(actual), ref(value));
        }
        return q.operator === '!=' ? !puppetEquals(Array.isArray(actual) ? actual.map(ref) : ref(actual), ref(value)) : false;
      }
      default: return isTruthy(this.ev.evaluate(q, scope));
    }
  }

  /** Runs the collectors over the catalog; returns true when something new was collected. */
  private runCollectors(): boolean {
    let any = false;
    for (const c of this.collectors) {
      const found: CatalogResource[] = [];
      for (const r of [...this.catalog.resources]) {
        if (c.seen.has(r) || r.type.toLowerCase() !== c.typeName.toLowerCase()) continue;
        // an exported collector takes this node's own resources only when they are exported (exported_collector.rb, #collect)
        if (c.exported && !r.exported) continue;
        if (!this.ev.withSource(c.source, () => this.queryMatches(c.query, r, c.scope))) continue;
        found.push(r);
      }
      if (c.exported && !c.exported.searched) {
        c.exported.searched = true;
        found.push(...this.ev.withSource(c.source, () => this.collectRemote(c)));
      }
      for (const r of found) {
        c.seen.add(r);
        any = true;
        r.virtual = false;
        if (c.operations.length) {
          const params = this.ev.withSource(c.source, () => this.evalOperations(c.operations, c.scope));
          for (const [name, value, append] of params) {
            const old = r.parameters.get(name);
            if (append && old !== undefined) r.parameters.set(name, Object.freeze([...[old].flat(), ...[value].flat()]) as Value);
            else if (value === undefined) r.parameters.delete(name);
            else r.parameters.set(name, value);
          }
        }
      }
    }
    return any;
  }

  /**
   * Adds the matching resources other nodes exported, as Puppet's
   * ExportedCollector#collect does with what puppetdb's terminus returns: a new
   * resource in the collector's scope (its defaults and tags apply, its
   * container holds it), made of the type, title and parameters only (no file
   * or line), not exported; a defined type is evaluated here. A resource that
   * is already in the catalog is an error unless this collector or another
   * already collected it from the same node.
   */
  private collectRemote(c: Collector): CatalogResource[] {
    const typeName = c.typeName.toLowerCase().replace(/^::/, '');
    const resolved = this.resourceTypeOf(typeName);
    const type = capitalizeTypeName(typeName);
    const out: CatalogResource[] = [];
    for (const item of this.exports?.search(type, { excludeNode: this.nodeName, query: c.exported?.query }) ?? []) {
      const id = `${item.certname}|${item.type}|${item.title}`;
      const existing = this.catalog.get(`${type}[${item.title}]`);
      if (existing) {
        if (this.collectorIds.get(existing) === id) continue;
        throw new UserError(`A duplicate resource was found while collecting exported resources, with the type and title ${type}[${item.title}]`);
      }
      const params = Object.entries(item.parameters).map(([k, v]) => [k, fromJson(v), false] as [string, Value, boolean]);
      const r = this.createResource(typeName, item.title, params, c.scope, undefined, 'regular', resolved?.kind === 'define' ? resolved.def : undefined);
      r.file = undefined;
      r.line = undefined;
      this.collectorIds.set(r, id);
      out.push(r);
    }
    return out;
  }

  realize(refs: readonly Value[], scope: Scope): void {
    const keys = (refs.flat(Infinity as 1) as Value[]).map((r) => this.refKey(r));
    this.realizeRequests.push({ refs: keys, at: scope });
    this.doRealize(false);
  }

  private doRealize(final: boolean): void {
    for (let i = 0; i < this.realizeRequests.length; i++) {
      const req = this.realizeRequests[i];
      const missing: string[] = [];
      for (const k of req.refs) {
        const r = this.catalog.get(k);
        if (r) r.virtual = false;
        else missing.push(k);
      }
      if (missing.length === 0) this.realizeRequests.splice(i--, 1);
      else if (final) throw new UserError(`Failed to realize virtual resources ${missing.join(', ')}`);
      else req.refs.splice(0, req.refs.length, ...missing);
    }
  }

  // ---------------------------------------------------------- relationships

  relate(left: Value, right: Value, op: A.RelationshipOperator, _scope: Scope, at: A.Expression): void {
    this.relationships.push({ left, right, op, source: this.ev.source, at });
  }

  private refsOf(v: Value, rel: Relationship, isSource: boolean): CatalogResource[] {
    const out: CatalogResource[] = [];
    const flat: Value[] = [];
    const walk = (x: Value) => {
      const c = Array.isArray(x) ? this.collectorValues.get(x) : undefined;
      if (c) for (const r of this.catalog.resources) { if (c.seen.has(r)) flat.push(new ResourceType(r.type, r.title)); }
      else if (Array.isArray(x)) x.forEach(walk);
      else flat.push(x);
    };
    walk(v);
    for (const x of flat) {
      if (x === undefined) continue;
      let key: string;
      try {
        key = this.refKey(x);
      } catch {
        throw new EvalError(`Illegal relationship operand, can not form a relationship with ${toPuppetString(x) === '' ? 'an Undef Value' : `a ${typeof x === 'string' ? 'String' : 'value'}`}. A Catalog type is required.`, rel.source, rel.at.span);
      }
      const r = this.catalog.get(key);
      if (!r) throw new CompileError(`Could not find resource '${key}' for relationship ${isSource ? 'on' : 'from'} '${this.describeOperand(isSource ? rel.right : rel.left)}'`);
      out.push(r);
    }
    return out;
  }

  private describeOperand(v: Value): string {
    const first = ([v].flat(Infinity as 1) as Value[])[0];
    try {
      return this.refKey(first);
    } catch {
      return toPuppetString(first);
    }
  }

  private applyRelationships(): void {
    for (const rel of this.relationships) {
      const forward = rel.op === '->' || rel.op === '~>';
      const sources = this.refsOf(rel.left, rel, true);
      const targets = this.refsOf(rel.right, rel, false);
      const [src, dst] = forward ? [sources, targets] : [targets, sources];
      const param = RELATION_PARAMS[rel.op];
      for (const s of src) {
        for (const t of dst) {
          const old = s.parameters.get(param);
          const ref = t.type === 'Class' ? new ClassType(t.title === 'main' ? 'main' : t.title.toLowerCase()) : new ResourceType(t.type, t.title);
          s.parameters.set(param, Object.freeze([...(old === undefined ? [] : [old].flat()), ref]) as Value);
        }
      }
    }
  }

  // ---------------------------------------------------------------- classes

  includeClasses(names: readonly Value[], scope: Scope, mode: IncludeMode): void {
    const classNames: string[] = [];
    for (const n of names.flat(Infinity as 1) as Value[]) {
      let name: string;
      if (n instanceof ClassType && n.className !== undefined) name = n.className;
      else if (n instanceof ResourceType && n.typeName === 'Class' && n.title) name = n.title.toLowerCase();
      else if (typeof n === 'string') name = n.toLowerCase().replace(/^::/, '');
      else throw new UserError(`${mode}(): Cannot use ${toPuppetString(n)} as a class name`);
      if (name === '') throw new UserError(`Cannot use empty string as a class name`);
      classNames.push(name);
    }
    const resources = classNames.map((name) => this.ensureClass(name, scope, undefined, undefined, 'unknown'));
    for (const r of resources) this.evaluateClassBody(r);
    resources.forEach((r, i) => {
      const name = classNames[i];
      if (mode === 'contain') {
        const container = scope.resource;
        if (container && container !== r && !this.catalog.edges.some((e) => e.source === container.ref && e.target === r.ref)) this.catalog.addEdge(container, r);
        // a class contained by defined-type instances takes each instance's tags (observed in Puppet 7;
        // containment by another class adds none)
        if (container && container !== r && container.kind === 'defined_type') {
          this.finishTags(r);
          r.tags.addAll(container.tags.toArray());
        }
      } else if (mode === 'require') {
        const container = scope.resource;
        if (container) {
          const old = container.parameters.get('require');
          container.parameters.set('require', Object.freeze([...(old === undefined ? [] : [old].flat()), new ClassType(name)]) as Value);
        }
      }
    });
  }

  private declareClassResourceLike(name: string, params: [string, Value, boolean][], scope: Scope, at: { span: A.Span }, form: A.ResourceForm): CatalogResource {
    const ref = `Class[${capitalizeTypeName(name)}]`;
    const existing = this.catalog.get(ref);
    if (existing) {
      const r = new CatalogResource('Class', capitalizeTypeName(name), 'class');
      r.file = this.ev.source?.path || undefined;
      r.line = this.lineOf(at.span);
      throw new UserError(this.duplicateMessage(existing, r));
    }
    void form;
    return this.evaluateClass(name, scope, params, at, 'class');
  }

  /** Class bodies not yet evaluated, and each class's parent class resource. */
  private readonly pendingBodies = new Map<CatalogResource, () => void>();
  private readonly parentClass = new Map<CatalogResource, CatalogResource>();

  /** Declares and evaluates a class once; returns its Class resource. */
  evaluateClass(name: string, scope: Scope, params: [string, Value, boolean][] | undefined, at: { span: A.Span } | undefined, kind: ResourceKind): CatalogResource {
    const r = this.ensureClass(name, scope, params, at, kind);
    this.evaluateClassBody(r);
    return r;
  }

  /** Evaluates a declared class's body once, its parent class's body first. */
  evaluateClassBody(r: CatalogResource): void {
    const parent = this.parentClass.get(r);
    if (parent) this.evaluateClassBody(parent);
    const body = this.pendingBodies.get(r);
    if (!body) return;
    this.pendingBodies.delete(r);
    this.finishTags(r);
    body();
  }

  /**
   * Puts a class into the catalog (its parent class first) without evaluating
   * its body, as Puppet's ensure_in_catalog does: `include a, b` adds both
   * Class resources before evaluating either.
   */
  ensureClass(name: string, scope: Scope, params: [string, Value, boolean][] | undefined, at: { span: A.Span } | undefined, kind: ResourceKind): CatalogResource {
    const ref = `Class[${capitalizeTypeName(name)}]`;
    const existing = this.catalog.get(ref);
    if (existing) return existing;
    const def = this.defs.findClass(name);
    if (!def) throw new UserError(`Could not find class ::${name} for ${this.nodeName}`);
    // the parent class is declared (and later evaluated) first, in the same scope
    let parentScope: Scope | undefined;
    let parentRes: CatalogResource | undefined;
    if (def.parentClass) {
      const parentName = def.parentClass.toLowerCase().replace(/^::/, '');
      const pdef = this.defs.findClass(parentName);
      if (!pdef) throw new CompileError(`Could not find parent resource type '::${parentName}' of type hostclass in production`, { file: def.source.path, line: def.source.lineOf(def.span.start), column: undefined });
      parentRes = this.ensureClass(parentName, scope, undefined, undefined, 'unknown');
      parentScope = this.classScopes.get(parentName);
    }
    const r = new CatalogResource('Class', capitalizeTypeName(name), kind);
    if (at) {
      r.file = this.ev.source?.path || undefined;
      r.line = this.lineOf(at.span);
    }
    for (const [n, v] of params ?? []) {
      if (n === 'tag') for (const t of [v].flat(Infinity as 1) as Value[]) if (t !== undefined) Compilation.addTag(r.tags, toPuppetString(t));
    }
    r.tags.add('class');
    Compilation.addTag(r.tags, name);
    // a class without its own stage goes to the stage of the class that declares it
    const stageParam = params?.find(([n]) => n === 'stage')?.[1] ?? scope.resource?.parameters.get('stage');
    this.mergeCompileTags(r);
    this.scopeTags(r, scope);
    for (const [n, v] of params ?? []) r.parameters.set(n, v);
    if (stageParam !== undefined && toPuppetString(stageParam) !== 'main' && !r.parameters.has('stage')) r.parameters.set('stage', toPuppetString(stageParam));
    const stage = stageParam !== undefined ? this.catalog.get(`Stage[${toPuppetString(stageParam)}]`) : this.mainStage;
    if (!stage) throw new UserError(`Could not find stage ${toPuppetString(stageParam)} specified by ${ref}`);
    this.addResource(r, stage);
    const classScope = new Scope('class', scope, r, parentScope, name);
    this.classScopes.set(name, classScope);
    this.info.set(r, { scope, source: this.ev.source, evaluated: true, line: r.line });
    if (parentRes) this.parentClass.set(r, parentRes);
    this.pendingBodies.set(r, () =>
      this.ev.withSource(def.source, () => {
        this.catalog.classes.push(name);
        this.setMetaVariables(classScope, name, name, def.source);
        this.bindResourceParameters(def.parameters, r, classScope, `Class[${capitalizeTypeName(name)}]`, params === undefined, at ?? def);
        this.ev.evaluate(def.body, classScope);
      }),
    );
    return r;
  }

  private setMetaVariables(scope: Scope, title: string, name: string, source: SourceFile): void {
    scope.set('title', title);
    scope.set('name', name);
    scope.set('module_name', this.defs.moduleOf(source.path) ?? '');
  }

  /**
   * Binds a class's or define's parameters in its scope: given values, else
   * defaults (evaluated in order, so later defaults may use earlier
   * parameters), with type checks and Puppet's messages.
   */
  private bindResourceParameters(params: readonly A.Parameter[], r: CatalogResource, scope: Scope, subject: string, addDefaults: boolean, at: { span: A.Span }): void {
    const declared = new Set(params.map((p) => p.name));
    for (const name of r.parameters.keys()) {
      if (!declared.has(name) && !METAPARAMS.has(name) && name !== 'name') {
        throw new UserError(`${subject}: has no parameter named '${name}'`);
      }
    }
    // class parameters not given (or given undef) are looked up in Hiera first,
    // all of them before any default; an undef found there does not trump a default
    if (r.type === 'Class' && this.parameterLookup) {
      for (const p of params) {
        if (r.parameters.get(p.name) !== undefined) continue;
        const bound = this.parameterLookup(`${r.title.toLowerCase()}::${p.name}`, scope);
        if (bound.found && !(bound.value === undefined && p.value !== undefined)) r.parameters.set(p.name, bound.value);
      }
    }
    for (const p of params) {
      let value: Value;
      const given = r.parameters.get(p.name) !== undefined;
      // an explicit undef takes the default when there is one, else it is the value
      const givenUndef = !given && r.parameters.has(p.name);
      if (given) value = r.parameters.get(p.name);
      else if (givenUndef && p.value === undefined) value = undefined;
      else if (p.value !== undefined) {
        const i = params.indexOf(p);
        scope.pendingParameters = { current: p.name, later: new Set(params.slice(i).map((x) => x.name)) };
        try {
          value = this.ev.evaluate(p.value, scope);
        } catch (err) {
          if (err instanceof EvalError && err.message.startsWith('default expression for $')) throw new UserError(`${subject}: ${err.message}`);
          if (err instanceof UserError && err.message.startsWith('default expression for $')) throw new UserError(`${subject}: ${err.message}`);
          throw err;
        } finally {
          scope.pendingParameters = undefined;
        }
        if (value !== undefined) r.parameters.set(p.name, value);
      } else {
        throw new UserError(`${subject}: expects a value for parameter '${p.name}'`);
      }
      if (p.typeExpr) {
        const t = this.ev.evaluate(p.typeExpr, scope);
        if (t instanceof TypeValue) {
          const plain = value instanceof PSensitive && !(t.name === 'Sensitive') ? value : value;
          const msg = describeMismatch(`parameter '${p.name}'`, t, plain);
          if (msg !== undefined) throw new UserError(describeMismatches(subject, [msg]));
        }
      }
      scope.set(p.name, value);
    }
  }

  // ------------------------------------------------------------ define types

  /** Evaluates defined-type instances not yet evaluated; returns true when any was. */
  private evaluateDefines(): boolean {
    let any = false;
    for (const r of [...this.catalog.resources]) {
      const info = this.info.get(r);
      if (!info || info.evaluated || !info.define) continue;
      if (r.virtual) continue;
      info.evaluated = true;
      any = true;
      const def = info.define;
      const scope = new Scope('define', info.scope, r, undefined, def.name.toLowerCase());
      this.finishTags(r);
      try {
        this.evaluateDefine(def, r, scope);
      } catch (err) {
        if (err instanceof EvalError) throw evalErrorAtLine(evalErrorText(err), r.file, r.line, 'Resource Statement');
        if (err instanceof UserError) throw evalErrorAtLine(err.message, r.file, r.line, 'Resource Statement');
        throw err;
      }
    }
    return any;
  }

  private evaluateDefine(def: A.ResourceTypeDefinition, r: CatalogResource, scope: Scope): void {
    {
      this.ev.withSource(def.source, () => {
        scope.set('title', r.title);
        const nameParam = r.parameters.get('name');
        scope.set('name', nameParam ?? r.title);
        scope.set('module_name', this.defs.moduleOf(def.source.path) ?? '');
        this.bindResourceParameters(def.parameters, r, scope, r.ref, true, def);
        this.ev.evaluate(def.body, scope);
      });
    }
  }

  /** The generator loop and the end-of-compile steps, as Puppet's compiler runs them. */
  finish(): void {
    for (let guard = 0; guard < 10000; guard++) {
      // Puppet's evaluate_generators: collections first, then defined types
      const b = this.runCollectors();
      const a = this.evaluateDefines();
      this.applyOverrides(false);
      this.doRealize(false);
      if (!a && !b) break;
    }
    this.applyOverrides(true);
    this.doRealize(true);
    for (const r of this.catalog.resources) this.finishTags(r);
    this.applyRelationships();
    // relationship metaparameters given as nested arrays are flattened, as Puppet does
    for (const r of this.catalog.resources) {
      for (const name of Object.keys(RELATION_METAPARAMS)) {
        const v = r.parameters.get(name);
        if (Array.isArray(v) && v.some(Array.isArray)) r.parameters.set(name, Object.freeze(v.flat(Infinity as 1)) as Value);
      }
    }
    this.validateResources();
    this.validateRelationships();
  }

  /** Puppet's RelationshipValidator: every before/require/notify/subscribe reference must exist. */
  private validateRelationships(): void {
    for (const r of this.catalog.resources) {
      if (r.virtual) continue;
      for (const [name, value] of r.parameters) {
        if (!(name in RELATION_METAPARAMS)) continue;
        for (const v of [value].flat(Infinity as 1) as Value[]) {
          if (v === undefined) continue;
          const where = { file: r.file, line: r.line, column: undefined };
          let key: string;
          if (typeof v === 'string') {
            const m = /^([\w:]+)\[(.*)\]$/s.exec(v);
            if (!m) throw new CompileError(`No title provided and ${JSON.stringify(v)} is not a valid resource reference`, where);
            key = this.refKey(v);
          } else {
            try {
              key = this.refKey(v);
            } catch {
              continue;
            }
          }
          if (!this.catalog.get(key)) throw new CompileError(`Could not find resource '${key}' in parameter '${name}'`, where);
        }
      }
    }
  }

  /**
   * A resource of a module's Ruby type: a type with several key attributes
   * gets the ones its title patterns capture (first, as Puppet's title
   * parsing sets them); attributes the type lacks fail as Puppet fails them.
   */
  private checkRubyTypeResource(r: CatalogResource): void {
    const name = r.type.toLowerCase();
    if (!this.rubyTypes || !this.defs.hasRubyType(name)) return;
    const info = this.rubyTypes(name);
    if (!info || info.loadError) return;
    // Puppet's to_data_hash: a single key attribute equal to the title is not repeated
    if (info.namevars.length === 1 && r.parameters.get(info.namevars[0]) === r.title) r.parameters.delete(info.namevars[0]);
    if (info.namevars.length > 1 && info.titlePatterns) {
      for (const tp of info.titlePatterns) {
        const m = toJsRegExp(tp.pattern).exec(r.title);
        if (!m) continue;
        const fromTitle: [string, Value][] = [];
        tp.attributes.forEach((attr, i) => {
          if (!r.parameters.has(attr) && m[i + 1] !== undefined) fromTitle.push([attr, m[i + 1]]);
        });
        if (fromTitle.length) {
          const given = [...r.parameters];
          r.parameters.clear();
          for (const [k, v] of [...fromTitle, ...given]) r.parameters.set(k, v);
        }
        break;
      }
    }
    const known = new Set([...info.parameters, ...info.properties, ...info.namevars]);
    if (info.ensurable) known.add('ensure');
    for (const p of r.parameters.keys()) {
      if (!known.has(p) && !METAPARAMS.has(p)) {
        const loc = this.location(r);
        throw new UserError(`no parameter named '${p}'${loc} on ${r.ref}${loc}`);
      }
    }
  }

  private validateResources(): void {
    for (const r of this.catalog.resources) {
      const core = CORE_TYPES.get(r.type.toLowerCase());
      if (!core) {
        this.checkRubyTypeResource(r);
        continue;
      }
      for (const name of r.parameters.keys()) {
        if (!core.attributes.has(name) && !METAPARAMS.has(name) && name !== core.namevar) {
          const loc = this.location(r);
          throw new UserError(`no parameter named '${name}'${loc} on ${r.ref}${loc}`);
        }
      }
      if (r.parameters.has('stage') && r.type !== 'Class') {
        throw new UserError(`Only classes can set 'stage'; normal resources like ${r.ref} cannot change run stage`);
      }
    }
  }

  // ------------------------------------------------------------- lookups

  private readonly aliasTypes = new Map<string, TypeAliasType>();

  resolveTypeReference(name: string): TypeValue | undefined {
    const cached = this.aliasTypes.get(name);
    if (cached) return cached;
    if (name.toLowerCase() === 'puppet::lookupcontext') {
      // the context Hiera hands a data function: accepted as it is, its methods are not provided
      const t = new TypeAliasType('Puppet::LookupContext', () => builtinType('any')!);
      this.aliasTypes.set(name, t);
      return t;
    }
    const alias = this.defs.findAlias(name);
    if (alias) {
      const t = new TypeAliasType(alias.name, () => {
        const v = this.ev.withSource(alias.source, () => this.ev.evaluate(alias.typeExpr, this.ev.topScope));
        if (!(v instanceof TypeValue)) throw new EvalError(`Type alias ${name} does not resolve to a type`, alias.source, alias.span);
        return v;
      });
      this.aliasTypes.set(name, t);
      return t;
    }
    return undefined;
  }

  findExternalFunction(name: string): BuiltinFunction | undefined {
    return this.externalFunctions?.(name);
  }

  findFunction(name: string): Callable | undefined {
    const def = this.defs.findFunction(name);
    if (!def) return undefined;
    const params = def.parameters;
    const required = params.filter((p) => p.value === undefined && !p.capturesRest).length;
    return {
      parameters: params,
      minArgs: required,
      maxArgs: params.some((p) => p.capturesRest) ? Infinity : params.length,
      call: (args) =>
        this.ev.withSource(def.source, () => {
          const scope = new Scope('class', this.ev.topScope, this.mainClass, undefined, def.name);
          this.ev.bindParameters(params, args, scope, `'${def.name}'`);
          let result: Value;
          try {
            result = this.ev.evaluate(def.body, scope);
          } catch (sig) {
            if (sig && (sig as { constructor: { name: string } }).constructor.name === 'ReturnSignal') result = (sig as { value: Value }).value;
            else throw sig;
          }
          if (def.returnType) {
            const t = this.ev.evaluate(def.returnType, scope);
            if (t instanceof TypeValue) {
              const msg = describeMismatch('', t, result);
              if (msg) throw new UserError(`value returned from ${def.name} has wrong type, ${msg}`);
            }
          }
          return result;
        }),
    };
  }

  tag(tags: readonly string[], scope: Scope): void {
    const r = scope.resource;
    if (!r) return;
    for (const t of tags) Compilation.addTag(r.tags, t);
  }

  tagged(tags: readonly string[], scope: Scope): boolean {
    const r = scope.resource;
    return tags.every((t) => (r !== undefined && this.hasTag(r, t.toLowerCase())) || this.catalog.tags.has(t.toLowerCase()) || this.compileTags.includes(t.toLowerCase()));
  }

  defined(args: readonly Value[], scope: Scope): boolean {
    for (const a of args) {
      if (typeof a === 'string') {
        if (a.startsWith('$')) {
          const name = a.slice(1);
          if (name.includes('::')) {
            const idx = name.lastIndexOf('::');
            const cls = name.slice(0, idx).replace(/^::/, '');
            const s = cls === '' ? this.ev.topScope : this.classScopes.get(cls);
            if (s?.lookup(name.slice(idx + 2)).found) return true;
          } else if (scope.lookup(name).found) return true;
          continue;
        }
        const n = a.toLowerCase().replace(/^::/, '');
        if (CORE_TYPES.has(n) || this.defs.findClass(n) || this.defs.findDefine(n) || this.defs.findFunction(n) || this.defs.hasRubyType(n)) return true;
        if (builtinType(n)) return true;
        continue;
      }
      if (a instanceof ResourceType) {
        if (a.title === undefined) {
          if (a.typeName && this.resourceTypeOf(a.typeName)) return true;
        } else if (this.catalog.get(a.refString())) return true;
        continue;
      }
      if (a instanceof ClassType) {
        if (a.className === undefined) return true;
        if (this.catalog.get(a.refString())) return true;
        continue;
      }
      if (a instanceof TypeValue) return true;
      throw new UserError(`'defined' expects a String or a Type, got ${toPuppetString(a)}`);
    }
    return false;
  }

  lookupVariable(name: string, scope: Scope): { found: boolean; value: Value } {
    const n = name.replace(/^\$/, '');
    if (!n.includes('::')) return scope.lookup(n);
    const idx = n.lastIndexOf('::');
    const cls = n.slice(0, idx).replace(/^::/, '');
    const s = cls === '' ? this.ev.topScope : this.classScopes.get(cls.toLowerCase());
    return s ? s.lookup(n.slice(idx + 2)) : { found: false, value: undefined };
  }

  createResources(type: string, instances: Value, defaults: Value, scope: Scope, at: A.Span): Value {
    if (!(instances instanceof PHash)) throw new UserError("create_resources(): second argument must be a Hash");
    const form: A.ResourceForm = type.startsWith('@@') ? 'exported' : type.startsWith('@') ? 'virtual' : 'regular';
    const typeName = type.replace(/^@+/, '').toLowerCase().replace(/^::/, '');
    const resolved = this.resourceTypeOf(typeName);
    if (!resolved) throw new UserError(`Unknown resource type: '${typeName}'`);
    const dflt = defaults instanceof PHash ? defaults : PHash.EMPTY;
    for (const [title, attrs] of instances) {
      const merged = dflt.merge(attrs instanceof PHash ? attrs : PHash.EMPTY);
      const params = [...merged].map(([k, v]) => [toPuppetString(k), v, false] as [string, Value, boolean]);
      const r = resolved.kind === 'class'
        ? this.declareClassResourceLike(toPuppetString(title).toLowerCase().replace(/^::/, ''), params, scope, { span: at }, form)
        : this.createResource(typeName, toPuppetString(title), params, scope, { span: at } as A.Node, form, resolved.kind === 'define' ? resolved.def : undefined);
      if (!r.exported) r.exportedSet = false;
    }
    return undefined;
  }

  moduleDirectory(name: string): string | undefined {
    return this.moduleDir(name);
  }

  findFile(spec: string): string | undefined {
    if (spec.startsWith('/')) return this.hostIsFile(spec) ? spec : undefined;
    return this.readModuleFile(spec, 'files')?.path;
  }

  log(level: LogLevel, message: string, scope: Scope): void {
    const r = scope.resource;
    this.logs.push({ level, message, scope: r ? r.ref : 'Class[main]' });
  }

  moduleFile(spec: string, folder: 'files' | 'templates'): { path: string; text: string } | undefined {
    return this.readModuleFile(spec, folder);
  }

  renderEpp(text: string, path: string | undefined, params: Value, scope: Scope): string {
    return this.eppRenderer(text, path, params, scope);
  }
}

/**
 * Puppet's Resource#to_hash is parse_title.merge(parameters): the key
 * attribute comes first, with the given value, whatever its place in the body.
 */
function moveFirst(params: Map<string, Value>, name: string): void {
  if (!params.has(name)) return;
  const rest = [...params].filter(([k]) => k !== name);
  const value = params.get(name);
  params.clear();
  params.set(name, value);
  for (const [k, v] of rest) params.set(k, v);
}
