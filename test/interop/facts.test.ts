// Our facts against real facter 4 (from Debian's puppet-agent) on this machine:
// the same names, and the same values wherever a value does not drift between
// two reads (memory, load and free space do; their structure is compared).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { collectFacts, type FactValue } from '../../src/agent/facts/index.js';

// Facts facter resolves through Ruby, augeas or hypervisor probes that Bunraku
// does not provide (see the facts module's notes); and facts Bunraku adds that
// facter failed to read on machines where /proc/1 is not readable.
const notProvided = new Set(['augeas', 'augeasversion', 'ruby', 'rubyplatform', 'rubysitedir', 'rubyversion', 'hypervisors', 'dhcp_servers', 'virtual', 'is_virtual']);
const drifting = new Set(['load_averages', 'memory', 'memoryfree', 'memoryfree_mb', 'swapfree', 'swapfree_mb', 'mountpoints', 'system_uptime', 'uptime', 'uptime_days', 'uptime_hours', 'uptime_seconds', 'processors', 'path']);

function shape(v: FactValue): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Record<string, FactValue>)[k])]));
  return typeof v;
}

test('core and legacy facts match real facter', () => {
  // facter exits 1 when one resolver fails (e.g. /proc/1/environ unreadable in
  // a container) but still prints every fact it resolved.
  const run = spawnSync('facter', ['--json', '--show-legacy', '--no-custom-facts', '--no-external-facts'], { encoding: 'utf8' });
  assert.ok(run.stdout, `facter printed nothing (is puppet-agent installed?): ${run.error?.message ?? run.stderr}`);
  const real = JSON.parse(run.stdout) as Record<string, FactValue>;
  const { facts } = collectFacts();
  for (const [name, value] of Object.entries(real)) {
    if (notProvided.has(name) || value === null) continue;
    assert.ok(Object.hasOwn(facts, name), `fact "${name}" is missing`);
    if (name === 'processors') {
      const { speed: _a, ...ours } = facts[name] as Record<string, FactValue>;
      const { speed: _b, ...theirs } = value as Record<string, FactValue>;
      assert.deepEqual(ours, theirs, 'processors');
    } else if (drifting.has(name)) {
      assert.deepEqual(shape(facts[name]), shape(value), `structure of "${name}"`);
    } else {
      assert.deepEqual(facts[name], value, `value of "${name}"`);
    }
  }
});
