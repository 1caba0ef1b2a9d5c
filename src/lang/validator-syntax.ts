// Heredoc syntax checkers (`@(END:json)`, `:epp`, `:pp`, `:base64`, also as the
// last `+` segment, e.g. `data+json`): Puppet checks a heredoc's literal text
// against its declared syntax when validating. Messages follow Puppet's
// checkers; the JSON one mimics Ruby's json parser's "unexpected token" text.

/** Returns Puppet's issue code and message for text that is invalid for its syntax, or undefined. */
export function checkHeredocSyntax(
  text: string,
  syntax: string,
  parsers: { pp: (t: string) => string | undefined; epp: (t: string) => string | undefined },
): { code: 'ILLEGAL_JSON' | 'ILLEGAL_EPP' | 'ILLEGAL_PP' | 'ILLEGAL_BASE64'; message: string } | undefined {
  const segments = syntax.split('+');
  let checker: string | undefined;
  for (let i = 0; i < segments.length; i++) {
    const key = segments.slice(i).join('+');
    if (key === 'json' || key === 'epp' || key === 'pp' || key === 'base64') {
      checker = key;
      break;
    }
  }
  if (checker === undefined) return undefined;
  const prefix = `Invalid produced text having syntax: '${syntax}'.`;
  const oneLine = (s: string, max: number): string => s.slice(0, max).replace(/\r?\n/g, '\\n');
  switch (checker) {
    case 'json': {
      const err = rubyJsonError(text);
      if (err === undefined) return undefined;
      return { code: 'ILLEGAL_JSON', message: `${prefix} JSON syntax checker: Cannot parse invalid JSON string. "${oneLine(err, 100)}"` };
    }
    case 'epp': {
      const err = parsers.epp(text);
      return err === undefined ? undefined : { code: 'ILLEGAL_EPP', message: `${prefix} EPP syntax checker: "${oneLine(err, 500)}"` };
    }
    case 'pp': {
      const err = parsers.pp(text);
      return err === undefined ? undefined : { code: 'ILLEGAL_PP', message: `${prefix} PP syntax checker: "${oneLine(err, 500)}"` };
    }
    default: {
      const cleaned = text.replace(/[\r?\n \t]/g, '');
      if (/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(cleaned)) return undefined;
      const bytes = Buffer.byteLength(cleaned, 'utf8');
      const why = (bytes * 8) % 6 !== 0 ? 'padding is not correct' : 'contains letters outside strict base 64 range (or whitespace)';
      return { code: 'ILLEGAL_BASE64', message: `${prefix} Base64 syntax checker: Cannot parse invalid Base64 string - ${why}` };
    }
  }
}

class Unreported {}
class Reported {
  constructor(readonly message: string) {}
}

/**
 * Validates JSON like Ruby's json 2.x parser and returns its error message
 * (`859: unexpected token at '...'` at the top level, `451: ...` from inside
 * an array at the failing element), or undefined when the text is valid.
 */
export function rubyJsonError(text: string): string | undefined {
  let i = 0;
  const at = (p: number, line: number): Reported => new Reported(`${line}: unexpected token at '${text.slice(p)}'`);
  const ws = (): void => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && text[i + 1] === '*') {
        const e = text.indexOf('*/', i + 2);
        if (e < 0) throw new Unreported();
        i = e + 2;
      } else if (c === '/' && text[i + 1] === '/') {
        const e = text.indexOf('\n', i);
        i = e < 0 ? text.length : e + 1;
      } else return;
    }
  };
  const value = (): void => {
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) throw new Unreported();
    i += m[0].length;
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) throw new Unreported();
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') i += 2;
      else if (c.charCodeAt(0) < 0x20) throw new Unreported();
      else i++;
    }
  };
  const object = (): void => {
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      if (text[i] !== '"') throw new Unreported();
      string();
      ws();
      if (text[i] !== ':') throw new Unreported();
      i++;
      ws();
      value();
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      throw new Unreported();
    }
  };
  const array = (): void => {
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      const start = i;
      try {
        value();
      } catch (e) {
        if (e instanceof Unreported) throw at(start, 451);
        throw e;
      }
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      throw at(i, 451);
    }
  };
  try {
    ws();
    const start = i;
    try {
      value();
    } catch (e) {
      if (e instanceof Unreported) throw at(start, 859);
      throw e;
    }
    ws();
    if (i < text.length) throw at(i, 859);
    return undefined;
  } catch (e) {
    if (e instanceof Reported) return e.message;
    throw e;
  }
}
