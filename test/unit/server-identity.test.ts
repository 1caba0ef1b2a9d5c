// CRL parsing and caching for the peer classification; the router's matching rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrlCache, parseCrlPem, normalizeSerial } from '../../src/server/identity.js';
import { Router, type RouteFamily } from '../../src/server/router.js';
import { makeAuthority, makeCrl } from './server-fixtures.js';

test('serials compare without case or leading zeros', () => {
  assert.equal(normalizeSerial('000A'), 'a');
  assert.equal(normalizeSerial('00'), '0');
});

test('a CRL chain file revokes per issuer, under either PEM label', async () => {
  const a = await makeAuthority('Puppet CA: a');
  const b = await makeAuthority('Puppet CA: b');
  const chain = (await makeCrl(a, ['0A'])) + (await makeCrl(b, ['0B'])).replace(/X509 CRL/g, 'CRL');
  const list = parseCrlPem(chain);
  assert.equal(list.isRevoked('CN=Puppet CA: a', '0a'), true);
  assert.equal(list.isRevoked('CN=Puppet CA: a', '0b'), false);
  assert.equal(list.isRevoked('CN=Puppet CA: b', '000B'), true);
});

test('the CRL cache re-reads a replaced file, at most once per interval', async () => {
  const ca = await makeAuthority('Puppet CA: c');
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-crl-cache-'));
  try {
    const path = join(dir, 'crl.pem');
    writeFileSync(path, await makeCrl(ca, []));
    let now = 0;
    const errors: string[] = [];
    const cache = new CrlCache(path, { checkIntervalMs: 1000, now: () => now, onError: (e) => errors.push(e.message) });
    await cache.refresh();
    const first = cache.generation;
    assert.equal(cache.list.isRevoked('CN=Puppet CA: c', '5'), false);
    writeFileSync(join(dir, 'new.pem'), await makeCrl(ca, ['05']));
    renameSync(join(dir, 'new.pem'), path);
    now = 500;
    await cache.refresh();
    assert.equal(cache.generation, first, 'not re-checked within the interval');
    now = 1500;
    await cache.refresh();
    assert.equal(cache.generation, first + 1);
    assert.equal(cache.list.isRevoked('CN=Puppet CA: c', '5'), true);
    now = 3000;
    await cache.refresh();
    assert.equal(cache.generation, first + 1, 'unchanged file, same generation');
    rmSync(path);
    now = 4500;
    await cache.refresh();
    assert.equal(cache.list.isRevoked('CN=Puppet CA: c', '5'), false);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /Cannot read CRL/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const family = (name: string, prefix: string, routes: [string[], RegExp][], notFound = false): RouteFamily => ({
  name, prefix, errorFormat: 'puppet-json',
  routes: routes.map(([methods, path]) => ({ methods, path, handler: () => ({ status: 200 }) })),
  notFound: notFound ? () => ({ status: 404 }) : undefined,
});

test('routes match by method and path across families sharing a prefix; HEAD falls back to GET', () => {
  const router = new Router([
    family('node', '/puppet/v3/', [[['GET'], /^\/puppet\/v3\/node\/([^/]+)$/]]),
    family('catalog', '/puppet/v3/', [[['GET', 'POST'], /^\/puppet\/v3\/catalog\/([^/]+)$/]]),
    family('bucket', '/puppet/v3/file_bucket_file/', [[['HEAD'], /^\/puppet\/v3\/file_bucket_file\/(.+)$/], [['GET', 'PUT'], /^\/puppet\/v3\/file_bucket_file\/(.+)$/]]),
  ]);
  const m = router.match('POST', '/puppet/v3/catalog/a b');
  assert.equal(m.kind, 'route');
  assert.equal(m.kind === 'route' && m.family.name, 'catalog');
  assert.deepEqual(m.kind === 'route' && m.params, ['a b']);
  assert.equal(router.match('DELETE', '/puppet/v3/node/x').kind, 'method-not-allowed');
  assert.equal(router.match('GET', '/puppet/v3/nosuch').kind, 'not-found');
  const head = router.match('HEAD', '/puppet/v3/node/x');
  assert.equal(head.kind === 'route' && head.route.methods.includes('GET'), true);
  const bucketHead = router.match('HEAD', '/puppet/v3/file_bucket_file/sha256/1');
  assert.deepEqual(bucketHead.kind === 'route' && bucketHead.route.methods, ['HEAD']);
  assert.throws(() => new Router([family('x', '/a/', []), family('x', '/b/', [])]), /registered twice/);
});
