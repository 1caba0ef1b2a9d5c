// Finds the endpoint families: every module in routes/ (except tests) that
// exports `createRoutes(deps)`. A later endpoint family is one new file there;
// neither the core nor a central list changes.
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Settings } from '../settings/index.js';
import type { CertificateAuthority } from '../ca/authority.js';
import type { RouteFamily } from './router.js';
import type { ServerLog } from './server.js';
import type { FileServing } from './file-serving.js';

/** Everything an endpoint family may build itself from. */
export interface RouteDeps {
  readonly settings: Settings;
  readonly ca: CertificateAuthority;
  readonly log: ServerLog;
  /** Bunraku's version, for status replies. */
  readonly version: string;
  /** File serving shared by the catalog and file routes; without it each family makes its own. */
  readonly fileServing?: FileServing;
}

/** The contract of a module in src/server/routes/. */
export interface RouteModule {
  createRoutes(deps: RouteDeps): RouteFamily | RouteFamily[] | Promise<RouteFamily | RouteFamily[]>;
}

const MODULE = /^[a-z0-9][\w-]*\.(ts|js)$/;

export function isRouteModuleFile(name: string): boolean {
  return MODULE.test(name) && !/\.(test|d)\.(ts|js)$/.test(name) && !name.endsWith('.d.ts');
}

/** Loads every route module in `dir` (default: routes/ beside this file), sorted by file name. */
export async function loadRouteFamilies(deps: RouteDeps, dir = fileURLToPath(new URL('./routes/', import.meta.url))): Promise<RouteFamily[]> {
  const files = (await readdir(dir)).filter(isRouteModuleFile).sort();
  const families: RouteFamily[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as Partial<RouteModule>;
    if (typeof mod.createRoutes !== 'function') continue;
    const made = await mod.createRoutes(deps);
    families.push(...(Array.isArray(made) ? made : [made]));
  }
  return families;
}
