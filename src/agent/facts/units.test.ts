// Expected strings are facter 4.3's output on a real machine (facter --json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToHuman, hertzToHuman, mountCapacity, percent } from './units.js';
import { ipv6Netmask, ipv6Network, ipv6Scope, ipv4Network } from './ip.js';

test('bytesToHuman matches facter', () => {
  assert.equal(bytesToHuman(25276026880), '23.54 GiB');
  assert.equal(bytesToHuman(274877906944), '256.00 GiB');
  assert.equal(bytesToHuman(0), '0 bytes');
  assert.equal(bytesToHuman(1023), '1023 bytes');
  assert.equal(bytesToHuman(1024), '1.00 KiB');
});

test('hertzToHuman and capacities match facter', () => {
  assert.equal(hertzToHuman(2_100_000_000), '2.10 GHz');
  assert.equal(hertzToHuman(2_096_021_000), '2.10 GHz');
  assert.equal(percent(1453654016, 25276026880), '5.75%');
  assert.equal(mountCapacity(0, 100), '0%');
  assert.equal(mountCapacity(100, 100), '100%');
  assert.equal(mountCapacity(23613014016, 270553174016 - 85331279872 + 23613014016 - 23613014016 + 85331279872 - 0), '8.73%');
});

test('network arithmetic matches facter', () => {
  assert.equal(ipv4Network('192.0.2.2', '255.255.255.0'), '192.0.2.0');
  assert.equal(ipv6Netmask(64), 'ffff:ffff:ffff:ffff::');
  assert.equal(ipv6Netmask(128), 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  assert.equal(ipv6Network('fd00::2', 64), 'fd00::');
  assert.equal(ipv6Network('::1', 128), '::1');
  assert.equal(ipv6Network('fe80::fc:ff:fe00:1', 64), 'fe80::');
  assert.equal(ipv6Scope('::1'), 'host');
  assert.equal(ipv6Scope('fe80::fc:ff:fe00:1'), 'link');
  assert.equal(ipv6Scope('fd00::2'), 'global');
});
