// Types for layout.mjs (the public-module corpus layout shared by the generator and the runner).
import type { ConformanceCase, WireFacts } from '../conformance/layout.mjs';

export { caseNode, normaliseCatalogText, normaliseErrorText, expectsError } from '../conformance/layout.mjs';

export interface ModuleEntry {
  /** The Debian package that installs the module. */
  package: string;
  /** The package version the expected outputs were generated with. */
  version: string;
  /** Modules it needs in the environment too. */
  requires: string[];
}

export const MODULE_CASES_DIR: string;
export const MODULES_FILE: string;
export const MODULE_KNOWN_DIFFERENCES_FILE: string;
export function readModuleTable(file?: string): Record<string, ModuleEntry>;
export function listModuleCases(casesDir?: string): ConformanceCase[];
export function modulesForCase(testCase: ConformanceCase, table?: Record<string, ModuleEntry>): string[];
export function locateModules(names: string[], table?: Record<string, ModuleEntry>): { found: Map<string, string>; problems: string[] };
export function moduleCaseFacts(caseDir: string): WireFacts;
export function materialiseModuleCase(testCase: ConformanceCase, parentDir: string, moduleDirs: Map<string, string>, table?: Record<string, ModuleEntry>): string;
