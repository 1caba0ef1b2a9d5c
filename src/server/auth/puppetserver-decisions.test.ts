// Replays requests whose outcome was recorded from a live puppetserver 7.9.5 (testdata/
// capture-decisions.py against testdata/probe-auth.conf: the shipped default rules plus rules
// for each ACE form) and checks that Bunraku's auth layer reaches the same verdict and text.
//
// Identities: no certificate, agents with their own certs (one with DNS alt names and pp_role /
// pp_environment extensions), a cert with pp_cli_auth, the server's own cert. Revoked certs and
// certs from another CA are refused by TLS before tk-auth runs, so they arrive here as
// "no certificate" and need no separate rows.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { authorize, type AuthRequest } from './authorize.js';
import { caOidMap } from './oids.js';
import { loadAuthConfig, type AuthConfig } from './rules.js';
import { forbiddenBody, normalizeRequestPath, parseQueryString } from './wire.js';

interface Identity {
  certname: string;
  dnsAltNames: string[];
  extensions: Record<string, string>;
}
interface Probe {
  group: 'matrix' | 'subtle';
  identity: string;
  method: string;
  target: string;
  status: number;
  body: string;
}

interface Recording {
  identities: Record<string, Identity | null>;
  probes: Probe[];
}

const data = new URL('./testdata/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, data), 'utf8');
const recorded = JSON.parse(read('puppetserver-decisions.json')) as Recording;
const config = loadAuthConfig(read('probe-auth.conf'), 'probe-auth.conf');
// The defaults without "puppetlabs deny all", plus a (?i) and a \z path regex.
const variant = JSON.parse(read('puppetserver-variant-decisions.json')) as Recording;
const variantConfig = loadAuthConfig(read('probe-auth-variant.conf'), 'probe-auth-variant.conf');
const ca = caOidMap();

/** puppetserver routes before it authorizes: these never reached tk-auth (Jetty's 404). */
const NOT_ROUTED = new Set([
  'PUT /puppet/v3/catalog/agent1.example.test?environment=production',
  'DELETE /puppet/v3/file_bucket_file/md5/d41d8cd98f00b204e9800998ecf8427e?environment=production',
  'HEAD /puppet/v3/file_metadata/modules/demo/motd?environment=production',
  'GET /puppet/v3/nosuchroute/x',
]);

type Verdict = 'allowed' | 'denied' | 'bad-path' | 'tk-auth-error' | 'not-routed';

function recordedVerdict(p: Probe): Verdict {
  if (p.status === 403 && (p.body.startsWith('Forbidden request:') || p.body.startsWith('global deny all'))) return 'denied';
  if (p.status === 403 && p.method === 'HEAD') return 'denied';
  if (p.status === 400 && (p.body.startsWith('Invalid relative path') || p.body.includes('Bad Message 400'))) return 'bad-path';
  if (p.status === 500 && p.body.startsWith('<html>')) return 'tk-auth-error';
  if (p.status === 404 && (p.body === '' || p.body.startsWith('<html>'))) return 'not-routed';
  return 'allowed';
}

function replay(p: Probe, rec: Recording = recorded, rules: AuthConfig = config): { verdict: Verdict; body?: string; reason?: string } {
  const q = p.target.indexOf('?');
  const rawPath = q < 0 ? p.target : p.target.slice(0, q);
  const normalized = normalizeRequestPath(rawPath);
  if (!normalized.ok) return { verdict: 'bad-path', body: normalized.message };
  const id = rec.identities[p.identity];
  const method = p.method.toLowerCase();
  const request: AuthRequest = {
    method,
    path: normalized.path,
    query: parseQueryString(q < 0 ? '' : p.target.slice(q + 1)),
    ...(id ? { authenticated: true, certname: id.certname, dnsAltNames: id.dnsAltNames, extensions: id.extensions } : { authenticated: false }),
  };
  // Every puppetserver service authorizes through the CA service's handler, with its OID map.
  const decision = authorize(rules, request, { oidMap: ca });
  if (decision.allowed) return { verdict: 'allowed', reason: decision.reason };
  return { verdict: 'denied', body: forbiddenBody(decision, request), reason: decision.reason };
}

test('the recording covers every default rule and every identity', () => {
  assert.ok(recorded.probes.length > 300);
  assert.deepEqual(Object.keys(recorded.identities), ['none', 'agent1', 'agent2', 'agent3', 'cliuser', 'server', 'localhost']);
  const decidedBy = new Set<string>();
  for (const p of recorded.probes) {
    const q = p.target.indexOf('?');
    const n = normalizeRequestPath(q < 0 ? p.target : p.target.slice(0, q));
    if (!n.ok) continue;
    const d = authorize(config, { method: p.method.toLowerCase(), path: n.path, authenticated: false });
    if (d.rule) decidedBy.add(d.rule);
  }
  const defaults = config.rules.filter((r) => r.name.startsWith('puppet')).map((r) => r.name);
  // "puppetlabs cert statuses" can never decide: "puppetlabs cert status" sorts first and its
  // path, a prefix, already covers /puppet-ca/v1/certificate_statuses.
  assert.deepEqual(defaults.filter((n) => !decidedBy.has(n)), ['puppetlabs cert statuses']);
});

test('the requests puppetserver never authorized are exactly the unrouted ones', () => {
  const unrouted = recorded.probes.filter((p) => recordedVerdict(p) === 'not-routed').map((p) => `${p.method} ${p.target}`);
  assert.deepEqual(new Set(unrouted), NOT_ROUTED);
});

function compare(probes: Probe[], rec: Recording, rules: AuthConfig): string[] {
  const mismatches: string[] = [];
  for (const p of probes) {
    const want = recordedVerdict(p);
    if (want === 'not-routed') continue;
    const got = replay(p, rec, rules);
    const label = `${p.identity} ${p.method} ${p.target}`;
    if (want === 'tk-auth-error') {
      // tk-auth threw (puppetserver 500); Bunraku denies with the reason instead.
      if (got.verdict !== 'denied' || !/invalid domain value/.test(got.reason ?? '')) mismatches.push(`${label}: wanted a denial for the tk-auth error, got ${got.verdict}`);
      continue;
    }
    if (got.verdict !== want) {
      mismatches.push(`${label}: puppetserver ${want} (${p.status}), Bunraku ${got.verdict} (${got.reason ?? got.body})`);
      continue;
    }
    if ((want === 'denied' && p.method !== 'HEAD') || (want === 'bad-path' && p.body.startsWith('Invalid'))) {
      if (got.body !== p.body) mismatches.push(`${label}: body ${JSON.stringify(got.body)} instead of ${JSON.stringify(p.body)}`);
    }
  }
  return mismatches;
}

for (const group of ['matrix', 'subtle'] as const) {
  test(`${group}: every recorded verdict and 403 text is reproduced`, () => {
    assert.deepEqual(compare(recorded.probes.filter((x) => x.group === group), recorded, config), []);
  });
}

test('without a catch-all rule: "global deny all" bodies, Java regex flags and anchors', () => {
  assert.equal(variant.probes.length, 9);
  assert.ok(variant.probes.some((p) => p.body === 'global deny all - no rules matched'));
  assert.deepEqual(compare(variant.probes, variant, variantConfig), []);
});
