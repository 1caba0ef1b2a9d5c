// Reads puppet.conf: INI sections [main], [agent], [server] (alias [master])
// and [user], `name = value` lines, `#` comments, and the optional
// `{owner = ..., mode = ...}` file-setting metadata Puppet allows (ignored).

export const puppetConfSections = ['main', 'agent', 'server', 'master', 'user'] as const;
export type PuppetConfSection = (typeof puppetConfSections)[number];

export interface ConfEntry {
  readonly value: string;
  readonly line: number;
}

export type PuppetConf = Readonly<Record<PuppetConfSection, ReadonlyMap<string, ConfEntry>>>;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

export function parsePuppetConf(text: string, file: string): PuppetConf {
  const sections: Record<PuppetConfSection, Map<string, ConfEntry>> = {
    main: new Map(), agent: new Map(), server: new Map(), master: new Map(), user: new Map(),
  };
  let current: PuppetConfSection = 'main';
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[([^\]]*)\]\s*(#.*)?$/.exec(line);
    if (section) {
      const name = section[1].trim();
      if (!(puppetConfSections as readonly string[]).includes(name)) {
        throw new SettingsError(`Illegal section '${name}' in config file ${file} at line ${lineNo}; allowed: ${puppetConfSections.join(', ')}`);
      }
      current = name as PuppetConfSection;
      continue;
    }
    const setting = /^([A-Za-z0-9_-]+)\s*=\s*(.*)$/.exec(line);
    if (!setting) {
      throw new SettingsError(`Could not parse line ${lineNo} of ${file}: "${line}" (expected "name = value")`);
    }
    let value = setting[2];
    // Puppet permits `value {owner = x, mode = 0640}` on file settings: drop the metadata.
    value = value.replace(/\s*\{[^}]*\}\s*$/, '').trim();
    sections[current].set(setting[1], { value, line: lineNo });
  }
  return sections;
}
