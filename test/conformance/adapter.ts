// The one seam between the conformance runner and Bunraku's compiler: loads
// src/compiler/index.ts at run time and turns whatever it returns into a
// catalog text or an error message, so the runner never depends on the
// compiler's exact API while that API is being built.
//
// Contract expected from src/compiler/index.ts (adapt here if it differs):
//   export function compile(request: {
//     environmentPath: string;   // the directory holding environment directories
//     environment: string;       // "production"
//     node: string;              // the certname
//     facts: Record<string, unknown>;  // fact values (the wire form's "values")
//     hieraConfig?: string;      // the global hiera.yaml (Puppet's hiera_config)
//     ruby?: () => RubyRuntime;  // the embedded Ruby, for ERB templates, Ruby functions and types
//   }): CatalogResult | Promise<CatalogResult>
// runCompile fills in `hieraConfig` with the case's global layer as layout.mjs
// lays it out, and `ruby` with one embedded Ruby (src/ruby/runtime.ts) shared
// by every case of the run, started only when a case first needs it.
// where CatalogResult is one of
//   - a string: the catalog JSON exactly as it would be sent to the agent;
//   - { catalog: string | object } on success, or an object that is the catalog itself;
//   - { error: string } / { message: string } / { diagnostics: [{ message }] } on failure;
// and a thrown Error also counts as a compile failure with its message.

import { globalHieraConfig } from './layout.mjs';

export interface CompileInput {
  environmentPath: string;
  environment: string;
  node: string;
  facts: Record<string, unknown>;
  /** The global hiera.yaml; default: the case's global layer beside the environment. */
  hieraConfig?: string;
  /** Provides the embedded Ruby; default: one runtime shared by the whole run. */
  ruby?: () => unknown;
}

export type CompileOutcome =
  | { kind: 'catalog'; text: string }
  | { kind: 'error'; message: string }
  | { kind: 'unavailable'; reason: string };

type CompileFn = (input: CompileInput) => unknown;

/** The runtime's worker thread is unref'd, so an unclosed runtime never keeps the run alive. */
type RubyRuntimeLike = object;

let sharedRuby: RubyRuntimeLike | undefined;
let rubyModule: Promise<{ RubyRuntime?: new () => RubyRuntimeLike } | undefined> | undefined;

/** The embedded Ruby provider handed to every compile: one runtime, created on first use. */
async function rubyProvider(): Promise<(() => unknown) | undefined> {
  rubyModule ??= import(new URL('../../src/ruby/runtime.js', import.meta.url).href).catch(() => undefined);
  const RubyRuntime = (await rubyModule)?.RubyRuntime;
  if (typeof RubyRuntime !== 'function') return undefined;
  return () => (sharedRuby ??= new RubyRuntime());
}

/** Loads the compiler once; `undefined` with a reason when it does not exist yet. */
export async function loadCompiler(): Promise<{ compile?: CompileFn; reason?: string }> {
  const url = new URL('../../src/compiler/index.js', import.meta.url);
  try {
    const mod = (await import(url.href)) as Record<string, unknown>;
    const compile = mod.compile ?? (mod.default as Record<string, unknown> | undefined)?.compile;
    if (typeof compile !== 'function') return { reason: 'compiler not available: src/compiler/index.ts exports no compile()' };
    return { compile: compile as CompileFn };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes('src/compiler/index')) {
      return { reason: 'compiler not available: src/compiler/index.ts does not exist' };
    }
    return { reason: `compiler not available: loading src/compiler/index.ts failed: ${(err as Error).message}` };
  }
}

function messageOf(value: Record<string, unknown>): string | undefined {
  if (typeof value.error === 'string') return value.error;
  if (value.error instanceof Error) return value.error.message;
  if (Array.isArray(value.diagnostics) && value.diagnostics.length > 0) {
    return value.diagnostics.map((d) => (typeof d === 'string' ? d : String((d as { message?: unknown }).message))).join('\n');
  }
  if (Array.isArray(value.errors) && value.errors.length > 0) {
    return value.errors.map((d) => (typeof d === 'string' ? d : String((d as { message?: unknown }).message))).join('\n');
  }
  if (typeof value.message === 'string' && !('resources' in value)) return value.message;
  return undefined;
}

/** Runs one compile through the loaded compiler and classifies the result. */
export async function runCompile(compile: CompileFn, input: CompileInput): Promise<CompileOutcome> {
  let result: unknown;
  const request: CompileInput = {
    ...input,
    hieraConfig: input.hieraConfig ?? globalHieraConfig(input.environmentPath),
    ruby: input.ruby ?? (await rubyProvider()),
  };
  try {
    result = await compile(request);
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  if (typeof result === 'string') return { kind: 'catalog', text: result };
  if (result && typeof result === 'object') {
    const value = result as Record<string, unknown>;
    if (value.ok === false || !('catalog' in value || 'resources' in value)) {
      const message = messageOf(value);
      if (message !== undefined) return { kind: 'error', message };
    }
    if (typeof value.catalog === 'string') return { kind: 'catalog', text: value.catalog };
    if (value.catalog && typeof value.catalog === 'object') {
      const catalog = value.catalog as { toJSON?: () => unknown };
      return { kind: 'catalog', text: JSON.stringify(catalog) };
    }
    if ('resources' in value) return { kind: 'catalog', text: JSON.stringify(value) };
  }
  return { kind: 'error', message: `compile() returned something the adapter does not understand: ${String(result)}` };
}
