// Resolution of Deferred values on the agent (preprocess_deferred): the
// functions an agent can call without the compiler, applied to every
// parameter before the catalog is applied.
import type { AgentCatalog } from './model.js';
import { DeferredCall, SensitiveValue } from './rich-data.js';

export type AgentFunction = (args: unknown[]) => unknown;

function str(v: unknown): string {
  return v instanceof SensitiveValue ? str(v.value) : String(v);
}

/** The functions Deferred may name on a Bunraku agent. */
export function builtinAgentFunctions(env: NodeJS.ProcessEnv): Record<string, AgentFunction> {
  return {
    join: ([list, sep]) => (Array.isArray(list) ? list.map(str).join(sep === undefined ? '' : str(sep)) : str(list)),
    upcase: ([v]) => str(v).toUpperCase(),
    downcase: ([v]) => str(v).toLowerCase(),
    capitalize: ([v]) => { const s = str(v); return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(); },
    strip: ([v]) => str(v).trim(),
    sprintf: ([fmt, ...rest]) => { let i = 0; return str(fmt).replace(/%[sd%]/g, (m) => (m === '%%' ? '%' : str(rest[i++]))); },
    getenv: ([name]) => env[str(name)] ?? null,
    unwrap: ([v]) => (v instanceof SensitiveValue ? v.value : v),
    'Sensitive.new': ([v]) => new SensitiveValue(v),
    new: ([type, v]) => (String(type) === 'Sensitive' ? new SensitiveValue(v) : v),
  };
}

function resolveValue(value: unknown, fns: Record<string, AgentFunction>): unknown {
  if (value instanceof DeferredCall) {
    const fn = fns[value.name];
    if (!fn) throw new Error(`Unknown function: '${value.name}' (called by a Deferred value)`);
    return fn(value.args.map((a) => resolveValue(a, fns)));
  }
  if (value instanceof SensitiveValue) return new SensitiveValue(resolveValue(value.value, fns));
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, fns));
  if (value !== null && typeof value === 'object' && !(value instanceof Buffer)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveValue(v, fns);
    return out;
  }
  return value;
}

/** Replaces every Deferred value in the catalog's parameters; throws on an unknown function. */
export function resolveDeferred(catalog: AgentCatalog, fns: Record<string, AgentFunction>): void {
  for (const r of catalog.resources) r.parameters = resolveValue(r.parameters, fns) as Record<string, unknown>;
}
