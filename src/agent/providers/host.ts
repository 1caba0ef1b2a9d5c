// The host type's parsed-file provider: one line of /etc/hosts (or `target`).
import { promises as fsp } from 'node:fs';
import type { Change, ProviderContext, ResourceProvider } from './types.js';

interface HostLine { ip: string; name: string; aliases: string[]; comment?: string }

function parse(line: string): HostLine | undefined {
  const [body = '', ...rest] = line.split('#');
  const f = body.trim().split(/\s+/);
  if (f.length < 2 || f[0] === '') return undefined;
  return { ip: f[0]!, name: f[1]!, aliases: f.slice(2), comment: rest.length > 0 ? rest.join('#').trim() : undefined };
}

function format(h: HostLine): string {
  return [h.ip, h.name, ...h.aliases].join('\t') + (h.comment ? `\t# ${h.comment}` : '');
}

export class HostProvider implements ResourceProvider {
  readonly providerName = 'parsed';
  constructor(private readonly ctx: ProviderContext) {}

  async checkApply(apply: boolean): Promise<Change[]> {
    const p = this.ctx.params;
    const target = String(p.target ?? '/etc/hosts');
    const name = String(p.name ?? this.ctx.resource.title);
    let text = '';
    try { text = await fsp.readFile(target, 'utf8'); } catch (err) { if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; }
    const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
    const idx = lines.findIndex((l) => parse(l)?.name === name);
    const have = idx >= 0 ? parse(lines[idx]!)! : undefined;
    const ensure = String(p.ensure ?? 'present');
    const write = async (next: string[]): Promise<void> => { if (apply) await fsp.writeFile(target, next.length ? `${next.join('\n')}\n` : ''); };
    if (ensure === 'absent') {
      if (!have) return [];
      await write(lines.filter((_, i) => i !== idx));
      return [{ property: 'ensure', previous: 'present', desired: 'absent', message: 'removed', name: 'host_removed' }];
    }
    const aliases = p.host_aliases === undefined ? undefined : (Array.isArray(p.host_aliases) ? p.host_aliases : [p.host_aliases]).map(String);
    const want: HostLine = { ip: String(p.ip ?? have?.ip ?? ''), name, aliases: aliases ?? have?.aliases ?? [], comment: p.comment === undefined ? have?.comment : String(p.comment) };
    if (!have) {
      if (want.ip === '') throw new Error(`Host ${name} needs an ip`);
      await write([...lines, format(want)]);
      return [{ property: 'ensure', previous: 'absent', desired: 'present', message: 'created', name: 'host_created' }];
    }
    const changes: Change[] = [];
    if (want.ip !== have.ip) changes.push({ property: 'ip', previous: have.ip, desired: want.ip, message: `ip changed '${have.ip}' to '${want.ip}'`, name: 'ip_changed' });
    if (want.aliases.join(' ') !== have.aliases.join(' ')) changes.push({ property: 'host_aliases', previous: have.aliases, desired: want.aliases, message: `host_aliases changed '${have.aliases.join(' ')}' to '${want.aliases.join(' ')}'`, name: 'host_aliases_changed' });
    if ((want.comment ?? '') !== (have.comment ?? '')) changes.push({ property: 'comment', previous: have.comment ?? '', desired: want.comment ?? '', message: `comment changed '${have.comment ?? ''}' to '${want.comment ?? ''}'`, name: 'comment_changed' });
    if (changes.length > 0) await write(lines.map((l, i) => (i === idx ? format(want) : l)));
    return changes;
  }
}
