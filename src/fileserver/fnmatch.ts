// Ruby's File.fnmatch?(pattern, name) with no flags, as Puppet's Fileset uses
// it for `ignore`: `*`, `?`, `[...]` (with `!`/`^` negation and ranges) and
// backslash escapes; a leading period must be matched by a literal period.

function escapeRegExp(ch: string): string {
  return ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** Compiles an fnmatch pattern to a RegExp (anchored), or throws on internal bugs only. */
export function compileFnmatch(pattern: string): (name: string) => boolean {
  let source = '';
  let i = 0;
  // The first pattern character after unescaping, for the leading-period rule.
  const firstLiteral = pattern[0] === '\\' ? pattern[1] : pattern[0];
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === '*') {
      source += '[\\s\\S]*';
      i++;
    } else if (ch === '?') {
      source += '[\\s\\S]';
      i++;
    } else if (ch === '[') {
      const end = findClassEnd(pattern, i);
      if (end < 0) {
        source += '\\[';
        i++;
        continue;
      }
      let body = pattern.slice(i + 1, end);
      let negate = false;
      if (body[0] === '!' || body[0] === '^') {
        negate = true;
        body = body.slice(1);
      }
      let cls = '';
      for (let j = 0; j < body.length; j++) {
        let c = body[j]!;
        if (c === '\\' && j + 1 < body.length) c = body[++j]!;
        if (body[j + 1] === '-' && j + 2 < body.length) {
          let hi = body[j + 2]!;
          let skip = 2;
          if (hi === '\\' && j + 3 < body.length) {
            hi = body[j + 3]!;
            skip = 3;
          }
          if (c <= hi) cls += `${escapeRegExp(c)}-${escapeRegExp(hi)}`;
          j += skip;
        } else {
          cls += escapeRegExp(c);
        }
      }
      source += cls === '' ? (negate ? '[\\s\\S]' : '(?!)') : `[${negate ? '^' : ''}${cls}]`;
      i = end + 1;
    } else if (ch === '\\' && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[i + 1]!);
      i += 2;
    } else {
      source += escapeRegExp(ch);
      i++;
    }
  }
  const re = new RegExp(`^${source}$`, 'u');
  return (name: string) => {
    if (name.startsWith('.') && firstLiteral !== '.') return false;
    return re.test(name);
  };
}

function findClassEnd(pattern: string, start: number): number {
  let j = start + 1;
  if (pattern[j] === '!' || pattern[j] === '^') j++;
  if (pattern[j] === ']') j++; // a leading ] is literal
  for (; j < pattern.length; j++) {
    if (pattern[j] === '\\') {
      j++;
      continue;
    }
    if (pattern[j] === ']') return j;
  }
  return -1;
}

export function fnmatch(pattern: string, name: string): boolean {
  return compileFnmatch(pattern)(name);
}
