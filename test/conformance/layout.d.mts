// Types for layout.mjs (the case layout shared by the generator and the runner).
export const CANONICAL_ENV_DIR: string;
export const CANONICAL_VERSION: number;
export const CANONICAL_UUID: string;
export const DEFAULT_NODE: string;
export const CANONICAL_CONF_DIR: string;
export const GLOBAL_LAYER_DIR: string;
export const EMPTY_GLOBAL_HIERA: string;
export const CASES_DIR: string;
export const DEFAULT_FACTS_FILE: string;
export const KNOWN_DIFFERENCES_FILE: string;

export interface ConformanceCase {
  /** "area/name" */
  id: string;
  area: string;
  name: string;
  dir: string;
}

export interface WireFacts {
  name: string;
  values: Record<string, unknown>;
  timestamp?: string;
  expiration?: string;
}

export function listCases(casesDir?: string): ConformanceCase[];
export function expectsError(testCase: ConformanceCase): boolean;
export function caseNode(caseDir: string): string;
export function caseFacts(caseDir: string): WireFacts;
export function globalHieraConfig(environmentPath: string): string;
export function materialiseCase(caseDir: string, parentDir: string): string;
export function normaliseCatalogText(text: string, envDir: string): string;
export function normaliseErrorText(text: string, envDir: string): string;
