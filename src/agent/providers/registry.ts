// Which provider handles which type, and the autorequires each type declares
// (file -> parent directory and owner/group; exec -> cwd, command file, user).
import { dirname } from 'node:path';
import type { AgentCatalog, CatalogResource } from '../catalog/model.js';
import { ExecProvider } from './exec.js';
import { FileProvider } from './file.js';
import { HostProvider } from './host.js';
import { NotifyProvider } from './notify.js';
import { PackageProvider } from './package.js';
import { ServiceProvider } from './service.js';
import { GroupProvider } from './group.js';
import { UserProvider } from './user.js';
import type { Change, ProviderFactory, ResourceProvider } from './types.js';

/** Types the agent manages without changing anything (Schedule, Filebucket, Anchor...). */
class InertProvider implements ResourceProvider {
  readonly providerName = null;
  async checkApply(): Promise<Change[]> { return []; }
}

export function providerFor(type: string): ProviderFactory | undefined {
  switch (type) {
    case 'File': return (ctx) => new FileProvider(ctx);
    case 'Exec': return (ctx) => new ExecProvider(ctx);
    case 'Notify': return (ctx) => new NotifyProvider(ctx);
    case 'Package': return (ctx) => new PackageProvider(ctx);
    case 'Service': return (ctx) => new ServiceProvider(ctx);
    case 'User': return (ctx) => new UserProvider(ctx);
    case 'Group': return (ctx) => new GroupProvider(ctx);
    case 'Host': return (ctx) => new HostProvider(ctx);
    case 'Schedule': case 'Filebucket': case 'Anchor': case 'Whit': return () => new InertProvider();
    default: return undefined;
  }
}

function fileRefFor(catalog: AgentCatalog, path: string): string | undefined {
  const direct = `File[${path}]`;
  if (catalog.byRef.has(direct)) return direct;
  return undefined;
}

/** Autorequired references present in the catalog. */
export function autorequire(r: CatalogResource, catalog: AgentCatalog): string[] {
  const out: string[] = [];
  const p = r.parameters;
  const add = (ref: string | undefined): void => { if (ref && catalog.byRef.has(ref)) out.push(ref); };
  if (r.type === 'File') {
    const path = String(p.path ?? r.title).replace(/(.)\/+$/, '$1');
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const ref = fileRefFor(catalog, dir);
      if (ref) { out.push(ref); break; }
      if (dir === '/') break;
    }
    if (p.owner !== undefined) add(`User[${String(p.owner)}]`);
    if (p.group !== undefined) add(`Group[${String(p.group)}]`);
  } else if (r.type === 'Exec') {
    if (p.cwd !== undefined) add(`File[${String(p.cwd)}]`);
    for (const key of ['command', 'onlyif', 'unless']) {
      const v = p[key];
      for (const c of Array.isArray(v) ? v : v === undefined ? [] : [v]) {
        const exe = String(c).trim().split(/\s+/)[0] ?? '';
        if (exe.startsWith('/')) add(`File[${exe}]`);
      }
    }
    if (p.user !== undefined) add(`User[${String(p.user)}]`);
  } else if (r.type === 'User') {
    // Puppet's user type autorequires its primary group (by name, or the group
    // resource whose gid is that number) and its groups.
    if (p.gid !== undefined) {
      if (!/^\d+$/.test(String(p.gid))) add(`Group[${String(p.gid)}]`);
      else {
        const group = catalog.resources.find((g) => g.type === 'Group' && g.parameters.gid !== undefined && String(g.parameters.gid) === String(p.gid));
        if (group) add(group.ref);
      }
    }
    const groups = p.groups === undefined ? [] : Array.isArray(p.groups) ? p.groups : [p.groups];
    for (const g of groups) add(`Group[${String(g)}]`);
  } else if (r.type === 'Package') {
    // Puppet's package type autorequires its responsefile, adminfile and a local source.
    for (const key of ['responsefile', 'adminfile', 'source']) {
      const v = p[key];
      if (typeof v === 'string' && (key !== 'source' || v.startsWith('/'))) add(`File[${v}]`);
    }
  }
  return out;
}
