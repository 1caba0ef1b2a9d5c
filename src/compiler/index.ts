// The compiler's public API. `compileCatalog` is what the server calls with an
// Environment it keeps (so parsed files stay cached between compiles);
// `compile` is the one-shot form (paths in, catalog JSON text out) used by the
// CLI-like callers and the conformance runner.
import { hostname, networkInterfaces } from 'node:os';
import { catalogToJson, catalogToJsonBuffer } from '../catalog/json.js';
import { compile as compileCatalog, type CompileRequest, type CompileResult } from './compiler.js';
import { Environment, type EnvironmentSettings } from './environment.js';
import type { RubyRuntime } from '../ruby/runtime.js';
import { CompileError } from './errors.js';
import { nodeFsHost, memoryHost, type CompilerHost } from './host.js';

export { compileCatalog, Environment, CompileError, nodeFsHost, memoryHost, catalogToJson, catalogToJsonBuffer };
export type { CompileRequest, CompileResult, CompilerHost, EnvironmentSettings };

export interface SimpleCompileInput {
  /** Directory holding environment directories (Puppet's environmentpath). */
  readonly environmentPath: string;
  readonly environment: string;
  readonly node: string;
  /** Fact values (the wire form's `values`). */
  readonly facts: Record<string, unknown>;
  /** The global hiera.yaml (Puppet's `hiera_config`); without it only environment and module data are used. */
  readonly hieraConfig?: string;
  /** The embedded Ruby for ERB templates, asked for only when a template is rendered. */
  readonly ruby?: () => RubyRuntime;
}

/** $server_facts for a compile on this machine: its name and addresses, as puppetserver reports its own. */
export function localServerFacts(): Record<string, string> {
  const name = hostname();
  const addrs = Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal);
  const v4 = addrs.find((a) => a?.family === 'IPv4')?.address ?? '127.0.0.1';
  const v6 = addrs.find((a) => a?.family === 'IPv6')?.address ?? '::1';
  return { serverversion: '7.23.0', servername: name, serverip: v4, serverip6: v6 };
}

/** Compiles from the file system and returns the catalog JSON as the server sends it; throws CompileError. */
export function compile(input: SimpleCompileInput): string {
  const host = nodeFsHost();
  const env = Environment.find(host, { environmentpath: [input.environmentPath] }, input.environment);
  if (!env) throw new CompileError(`Could not find a directory environment named '${input.environment}' anywhere in the path: ${input.environmentPath}`);
  const result = compileCatalog({
    node: input.node, facts: input.facts, environment: env, host, serverFacts: localServerFacts(),
    hieraConfig: input.hieraConfig, ruby: input.ruby,
    settings: { environmentpath: input.environmentPath },
  });
  return catalogToJson(result.catalog, { richData: true });
}
