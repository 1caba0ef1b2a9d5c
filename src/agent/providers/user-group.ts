// The user and group types' useradd/groupadd providers (shadow utils).
import { readFileSync } from 'node:fs';
import type { Change, ProviderContext, ResourceProvider } from './types.js';
import { PropertyChangeError } from './types.js';

function entry(file: string, name: string): string[] | undefined {
  let text = '';
  try { text = readFileSync(file, 'utf8'); } catch { return undefined; }
  return text.split('\n').map((l) => l.split(':')).find((f) => f[0] === name);
}

interface Spec {
  readonly kind: 'user' | 'group';
  readonly file: string;
  readonly add: string;
  readonly mod: string;
  readonly del: string;
  /** property -> [field index in the db line, command flag] */
  readonly props: Record<string, [number, string]>;
}

const USER: Spec = {
  kind: 'user', file: '/etc/passwd', add: 'useradd', mod: 'usermod', del: 'userdel',
  props: { uid: [2, '-u'], gid: [3, '-g'], comment: [4, '-c'], home: [5, '-d'], shell: [6, '-s'] },
};
const GROUP: Spec = {
  kind: 'group', file: '/etc/group', add: 'groupadd', mod: 'groupmod', del: 'groupdel',
  props: { gid: [2, '-g'] },
};

class ShadowProvider implements ResourceProvider {
  readonly providerName: string;
  constructor(private readonly ctx: ProviderContext, private readonly spec: Spec, private readonly dbFile = spec.file) {
    this.providerName = spec.kind === 'user' ? 'useradd' : 'groupadd';
  }

  async #run(argv: string[], property: string, previous: unknown, desired: unknown): Promise<void> {
    const r = await this.ctx.run(argv);
    if (r.exitCode !== 0) throw new PropertyChangeError(property, previous, desired, `Could not run ${argv.join(' ')}: ${r.output.trim()}`);
  }

  async checkApply(apply: boolean): Promise<Change[]> {
    const p = this.ctx.params;
    const name = String(p.name ?? this.ctx.resource.title);
    const current = entry(this.dbFile, name);
    const want = p.ensure === undefined ? undefined : String(p.ensure);
    const kind = this.spec.kind;
    if (want === 'absent') {
      if (!current) return [];
      if (apply) await this.#run([this.spec.del, name], 'ensure', 'present', 'absent');
      return [{ property: 'ensure', previous: 'present', desired: 'absent', message: 'removed', name: `${kind}_removed` }];
    }
    if (!current) {
      if (want === undefined) return [];
      const argv = [this.spec.add];
      for (const [prop, [, flag]] of Object.entries(this.spec.props)) if (p[prop] !== undefined) argv.push(flag, String(p[prop]));
      if (kind === 'user' && (p.managehome === true || p.managehome === 'true')) argv.push('-m');
      if (p.system === true || p.system === 'true') argv.push('-r');
      argv.push(name);
      if (apply) await this.#run(argv, 'ensure', 'absent', 'present');
      return [{ property: 'ensure', previous: 'absent', desired: 'present', message: 'created', name: `${kind}_created` }];
    }
    const changes: Change[] = [];
    for (const [prop, [field, flag]] of Object.entries(this.spec.props)) {
      if (p[prop] === undefined) continue;
      const have = current[field] ?? '';
      const desired = String(p[prop]);
      if (have === desired) continue;
      if (apply) await this.#run([this.spec.mod, flag, desired, name], prop, have, desired);
      changes.push({ property: prop, previous: have, desired, message: `${prop} changed '${have}' to '${desired}'`, name: `${prop}_changed` });
    }
    return changes;
  }
}

export function userProvider(ctx: ProviderContext): ResourceProvider { return new ShadowProvider(ctx, USER); }
export function groupProvider(ctx: ProviderContext): ResourceProvider { return new ShadowProvider(ctx, GROUP); }
