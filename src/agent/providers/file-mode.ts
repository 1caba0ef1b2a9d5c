// File modes as Puppet's file type reads them: octal strings, symbolic
// clauses (`u=rw,go=r`, `a+x`, `X`), and the directory search bits it adds.

/** The octal string Puppet shows, e.g. `0644`. */
export function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** Desired mode bits for `spec` given the current mode (for symbolic clauses) and whether it is a directory. */
export function desiredMode(spec: unknown, current: number, isDirectory: boolean): number {
  const s = String(spec).trim();
  if (/^[0-7]{1,4}$/.test(s)) {
    let mode = Number.parseInt(s, 8);
    // Puppet's dirmask: a readable directory is also searchable.
    if (isDirectory) {
      if (mode & 0o400) mode |= 0o100;
      if (mode & 0o040) mode |= 0o010;
      if (mode & 0o004) mode |= 0o001;
    }
    return mode;
  }
  let mode = current & 0o7777;
  for (const clause of s.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXstugo]*)$/.exec(clause.trim());
    if (!m) throw new Error(`Invalid mode: "${s}"`);
    const who = m[1] === '' || m[1]!.includes('a') ? 'ugo' : m[1]!;
    let bits = 0;
    for (const c of m[3]!) {
      if (c === 'r') bits |= 0o444;
      else if (c === 'w') bits |= 0o222;
      else if (c === 'x') bits |= 0o111;
      else if (c === 'X') { if (isDirectory || (current & 0o111)) bits |= 0o111; }
      else if (c === 's') bits |= 0o6000;
      else if (c === 't') bits |= 0o1000;
    }
    let mask = 0;
    if (who.includes('u')) mask |= 0o4700;
    if (who.includes('g')) mask |= 0o2070;
    if (who.includes('o')) mask |= 0o1007;
    const applied = bits & mask;
    if (m[2] === '+') mode |= applied;
    else if (m[2] === '-') mode &= ~applied;
    else mode = (mode & ~(mask & 0o777)) | applied;
  }
  return mode;
}
