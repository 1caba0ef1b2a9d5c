// How Puppet prints property values in change and noop messages
// (Puppet::Parameter.format_value_for_display): strings quoted, numbers bare,
// arrays as `['a', 'b']`; and the default change/noop messages built on it.
import type { Change } from './types.js';

export function formatValue(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  return `'${String(v)}'`;
}

/**
 * One property change with Puppet's default messages: `uid changed 4712 to 4722`
 * and `current_value 4712, should be 4722 (noop)`. `shown` overrides how the
 * values print (list properties print their current value joined, unquoted).
 */
export function propertyChange(
  property: string, previous: unknown, desired: unknown,
  shown: { is?: string; should?: string; noopShould?: string } = {},
): Change {
  const is = shown.is ?? formatValue(previous);
  const should = shown.should ?? formatValue(desired);
  return {
    property, previous, desired, name: `${property}_changed`,
    message: `${property} changed ${is} to ${should}`,
    noopMessage: `current_value ${is}, should be ${shown.noopShould ?? should} (noop)`,
  };
}
