// The Node.js flags the `bunraku` command runs with: those of bin/bunraku.js's
// `#!/usr/bin/env -S node ...` line. The bench starts Bunraku with them so it
// measures what an operator's `bunraku server` is, however it launches node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function launcherNodeFlags(repoRoot: string): string[] {
  const first = readFileSync(join(repoRoot, 'bin', 'bunraku.js'), 'utf8').split('\n', 1)[0] ?? '';
  const m = /^#!\S*env\s+(?:-S\s+)?node\b(.*)$/.exec(first);
  if (!m) throw new Error(`bin/bunraku.js does not start with "#!/usr/bin/env -S node ...": "${first}"`);
  return m[1]!.trim().split(/\s+/).filter((f) => f !== '');
}
