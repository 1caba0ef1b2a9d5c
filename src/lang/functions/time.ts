// Timespan and Timestamp: parsing Puppet's default string forms, strftime
// (UTC only) and the arithmetic the evaluator delegates here.
import { PTimespan, PTimestamp, isNumeric, numberOf, type Value } from '../values.js';
import { UserError } from '../evaluator/errors.js';

/** Parses `D-HH:MM:SS.frac`, `HH:MM:SS`, `MM:SS` or plain seconds. */
export function parseTimespan(s: string): PTimespan {
  const m = /^\s*(-)?(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+(?:\.\d+)?))?\s*$/.exec(s);
  if (m) {
    const sign = m[1] ? -1 : 1;
    const d = Number(m[2] ?? 0);
    let total: number;
    if (m[4] === undefined) total = Number(m[3]) + d * 86400;
    else if (m[5] === undefined) total = d * 86400 + Number(m[3]) * 3600 + Number(m[4]) * 60;
    else total = d * 86400 + Number(m[3]) * 3600 + Number(m[4]) * 60 + Number(m[5]);
    return new PTimespan(sign * total);
  }
  const f = /^\s*(-?\d+(?:\.\d+)?)\s*$/.exec(s);
  if (f) return new PTimespan(Number(f[1]));
  throw new UserError(`Unable to parse '${s}' using any of the formats %D-%H:%M:%S.%-N, %H:%M:%S.%-N, %M:%S.%-N, %S.%-N, %D-%H:%M:%S, %H:%M:%S, %D-%H:%M, %S`);
}

/** Parses ISO 8601 timestamps, with `UTC`/`Z`/offsets; the result keeps nanoseconds past the millisecond. */
export function parseTimestamp(s: string): PTimestamp {
  const m = /^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?)?\s*(UTC|Z|[+-]\d{2}:?\d{2})?\s*$/.exec(s);
  if (!m) throw new UserError(`Unable to parse '${s}' using any of the formats %FT%T.%N %Z, %FT%T %Z, %F %T.%N %Z, %F %T %Z, %F %R %Z, %F %Z, %FT%T.%N, %FT%T, %F %T.%N, %F %T, %F %R, %F`);
  const zone = !m[4] || m[4] === 'UTC' || m[4] === 'Z' ? 'Z' : m[4].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = m[2] ? (m[2].length === 5 ? `${m[2]}:00` : m[2]) : '00:00:00';
  const frac = (m[3] ?? '').padEnd(9, '0').slice(0, 9);
  const ms = Date.parse(`${m[1]}T${time}.${frac.slice(0, 3)}${zone}`);
  if (Number.isNaN(ms)) throw new UserError(`Unable to parse '${s}'`);
  return new PTimestamp(ms, Number(frac.slice(3)));
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** Ruby's Time#strftime in UTC for the common directives. */
export function strftimeTimestamp(ts: PTimestamp, fmt: string): string {
  const d = new Date(ts.epochMs);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const yday = Math.floor((ts.epochMs - start) / 86400000) + 1;
  const nanos = (((ts.epochMs % 1000) + 1000) % 1000) * 1e6 + ts.nanos;
  return fmt.replace(/%([-0^#]?)(\d*)([a-zA-Z%])/g, (whole, _flag: string, _w: string, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return p2(d.getUTCFullYear() % 100);
      case 'C': return p2(Math.floor(d.getUTCFullYear() / 100));
      case 'm': return p2(d.getUTCMonth() + 1);
      case 'd': return p2(d.getUTCDate());
      case 'e': return String(d.getUTCDate()).padStart(2, ' ');
      case 'j': return String(yday).padStart(3, '0');
      case 'H': return p2(d.getUTCHours());
      case 'k': return String(d.getUTCHours()).padStart(2, ' ');
      case 'I': return p2(((d.getUTCHours() + 11) % 12) + 1);
      case 'l': return String(((d.getUTCHours() + 11) % 12) + 1).padStart(2, ' ');
      case 'M': return p2(d.getUTCMinutes());
      case 'S': return p2(d.getUTCSeconds());
      case 'L': return String(Math.floor(nanos / 1e6)).padStart(3, '0');
      case 'N': return String(nanos).padStart(9, '0');
      case 'p': return d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 'P': return d.getUTCHours() < 12 ? 'am' : 'pm';
      case 'A': return DAYS[d.getUTCDay()];
      case 'a': return DAYS[d.getUTCDay()].slice(0, 3);
      case 'B': return MONTHS[d.getUTCMonth()];
      case 'b': case 'h': return MONTHS[d.getUTCMonth()].slice(0, 3);
      case 'u': return String(d.getUTCDay() === 0 ? 7 : d.getUTCDay());
      case 'w': return String(d.getUTCDay());
      case 'z': return '+0000';
      case 'Z': return 'UTC';
      case 's': return String(Math.floor(ts.epochMs / 1000));
      case 'F': return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'T': return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'R': return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
      case '%': return '%';
      default: return whole;
    }
  });
}

/** Timespan#format: %D days; %H, %M, %S hold the remainder below the largest unit used. */
export function strftimeTimespan(ts: PTimespan, fmt: string): string {
  const neg = ts.seconds < 0;
  const total = Math.abs(ts.seconds);
  const hasD = fmt.includes('%D');
  const hasH = fmt.includes('%H');
  const hasM = fmt.includes('%M');
  const days = Math.floor(total / 86400);
  const hours = hasD ? Math.floor((total % 86400) / 3600) : Math.floor(total / 3600);
  const minutes = hasD || hasH ? Math.floor((total % 3600) / 60) : Math.floor(total / 60);
  const seconds = hasD || hasH || hasM ? Math.floor(total % 60) : Math.floor(total);
  const frac = total - Math.floor(total);
  const out = fmt.replace(/%(-?)([DHMSLN%])/g, (_m, dash: string, c: string) => {
    switch (c) {
      case 'D': return String(days);
      case 'H': return dash ? String(hours) : p2(hours);
      case 'M': return dash ? String(minutes) : p2(minutes);
      case 'S': return dash ? String(seconds) : p2(seconds);
      case 'L': return String(Math.round(frac * 1000)).padStart(3, '0');
      case 'N': return dash ? String(Math.round(frac * 1e9)).replace(/0+$/, '') || '0' : String(Math.round(frac * 1e9)).padStart(9, '0');
      default: return '%';
    }
  });
  return neg ? `-${out}` : out;
}

/** Arithmetic on time values; undefined when the operands are not time values. */
export function timeArithmetic(op: string, l: Value, r: Value): Value | undefined {
  const secs = (v: Value) => (v instanceof PTimespan ? v.seconds : isNumeric(v) ? numberOf(v) : undefined);
  if (l instanceof PTimestamp) {
    if (op === '-' && r instanceof PTimestamp) return new PTimespan((l.epochMs - r.epochMs) / 1000 + (l.nanos - r.nanos) / 1e9);
    const s = secs(r);
    if (s === undefined || (op !== '+' && op !== '-')) return undefined;
    return new PTimestamp(l.epochMs + (op === '+' ? s : -s) * 1000, l.nanos);
  }
  if (l instanceof PTimespan) {
    if (op === '+' && r instanceof PTimestamp) return new PTimestamp(r.epochMs + l.seconds * 1000, r.nanos);
    const s = secs(r);
    if (s === undefined) return undefined;
    switch (op) {
      case '+': return new PTimespan(l.seconds + s);
      case '-': return new PTimespan(l.seconds - s);
      case '*': return r instanceof PTimespan ? undefined : new PTimespan(l.seconds * s);
      case '/': return r instanceof PTimespan ? l.seconds / s : new PTimespan(l.seconds / s);
    }
  }
  if (isNumeric(l) && (r instanceof PTimespan || r instanceof PTimestamp) && op === '+') return timeArithmetic(op, r, l);
  return undefined;
}
