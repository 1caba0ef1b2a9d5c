// A throwaway Debian package for the system tests: bunraku-test-pkg in two
// versions built with dpkg-deb, and a local apt repository (a file: source
// listed under /etc/apt/sources.list.d) to install them by name. Everything
// it adds to the machine is removed by cleanup(), also after a failure.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PKG = 'bunraku-test-pkg';
const LIST = `/etc/apt/sources.list.d/${PKG}.list`;
const APT_LISTS = '/var/lib/apt/lists';

export interface TestPackages {
  readonly dir: string;
  /** Version -> the .deb file. */
  readonly debs: Record<string, string>;
  /** Adds the local apt source and reads its index (only that source). */
  addAptSource(): void;
  cleanup(): void;
}

function build(root: string, version: string): string {
  const tree = join(root, `tree-${version}`);
  mkdirSync(join(tree, 'DEBIAN'), { recursive: true });
  mkdirSync(join(tree, 'usr/share', PKG), { recursive: true });
  mkdirSync(join(tree, 'etc', PKG), { recursive: true });
  writeFileSync(join(tree, 'DEBIAN/control'), [
    `Package: ${PKG}`, `Version: ${version}`, 'Architecture: all',
    'Maintainer: Bunraku Tests <tests@example.invalid>', 'Description: Bunraku provider test package', '',
  ].join('\n'));
  writeFileSync(join(tree, 'DEBIAN/conffiles'), `/etc/${PKG}/${PKG}.conf\n`);
  writeFileSync(join(tree, 'etc', PKG, `${PKG}.conf`), `version=${version}\n`);
  writeFileSync(join(tree, 'usr/share', PKG, 'version'), `${version}\n`);
  const deb = join(root, `${PKG}_${version}_all.deb`);
  execFileSync('dpkg-deb', ['--build', '--root-owner-group', tree, deb], { stdio: 'ignore' });
  return deb;
}

/** Removes the package whatever state it is in. */
export function purgeTestPackage(): void {
  spawnSync('/usr/bin/dpkg', ['--purge', PKG], { stdio: 'ignore' });
}

/** What dpkg says of the package: `install ok installed 1.0`, or undefined when unknown. */
export function dpkgStatus(): string | undefined {
  const r = spawnSync('/usr/bin/dpkg-query', ['-W', '--showformat', '${Status} ${Version}', PKG], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function buildTestPackages(versions: readonly string[]): TestPackages {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-deb-'));
  // apt reads file: sources as its unprivileged _apt user.
  chmodSync(dir, 0o755);
  const debs: Record<string, string> = {};
  for (const v of versions) debs[v] = build(dir, v);
  const listPrefix = dir.replace(/\//g, '_');
  return {
    dir, debs,
    addAptSource() {
      const index = Object.values(debs).map((deb) => {
        const fields = execFileSync('dpkg-deb', ['-f', deb], { encoding: 'utf8' }).trimEnd();
        const bytes = readFileSync(deb);
        return `${fields}\nFilename: ./${deb.slice(dir.length + 1)}\nSize: ${statSync(deb).size}\nSHA256: ${createHash('sha256').update(bytes).digest('hex')}\n`;
      }).join('\n');
      writeFileSync(join(dir, 'Packages'), index);
      writeFileSync(LIST, `deb [trusted=yes] file:${dir} ./\n`);
      execFileSync('/usr/bin/apt-get', ['-q', 'update', '-o', `Dir::Etc::sourcelist=${LIST}`, '-o', 'Dir::Etc::sourceparts=-', '-o', 'APT::Get::List-Cleanup=0'], { stdio: 'ignore' });
    },
    cleanup() {
      purgeTestPackage();
      rmSync(LIST, { force: true });
      for (const f of readdirSync(APT_LISTS)) if (f.startsWith(listPrefix)) rmSync(join(APT_LISTS, f), { force: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
