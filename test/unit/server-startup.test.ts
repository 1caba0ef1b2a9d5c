// First start of `bunraku server`: CA, CRL, server certificate (with
// pp_cli_auth and the alt names), sample environment; a second start reuses
// them. Real settings resolution, port 0 on loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { resolveSettings } from '../../src/settings/index.js';
import { startServer } from '../../src/server/startup.js';
import { send } from './server-fixtures.js';

test('the first start creates CA, server cert and sample environment; the second reuses them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-startup-'));
  try {
    const { settings } = resolveSettings({
      runMode: 'server',
      argv: ['--confdir', join(dir, 'etc'), '--vardir', join(dir, 'var'), '--logdir', join(dir, 'log'), '--codedir', join(dir, 'code'),
        '--certname', 'puppet.example.test', '--dns_alt_names', 'puppet,localhost', '--serverport', '0', '--bindaddress', '127.0.0.1', '--keylength', '2048'],
    });
    const start = async () => {
      const lines: string[] = [];
      const started = await startServer({ settings, authorize: () => ({ allowed: true, reason: 'test' }), log: (_l, m) => lines.push(m), version: '0.0.0' });
      return { started, lines };
    };
    const first = await start();
    try {
      assert.ok(first.lines.some((l) => l.startsWith('Created a new CA "Puppet CA: puppet.example.test"')), first.lines.join('\n'));
      assert.ok(first.lines.some((l) => l.startsWith('Issued the server certificate for puppet.example.test (DNS names: puppet, localhost, puppet.example.test)')));
      assert.ok(first.lines.some((l) => l.startsWith('Created the sample environment "production"')));
      const cert = new X509Certificate(readFileSync(String(settings['hostcert'])));
      assert.equal(cert.subject, 'CN=puppet.example.test');
      assert.match(cert.subjectAltName ?? '', /DNS:puppet, DNS:localhost, DNS:puppet.example.test/);
      assert.ok(existsSync(String(settings['localcacert'])));
      assert.ok(existsSync(String(settings['hostcrl'])));
      assert.ok(existsSync(join(dir, 'code', 'environments', 'production', 'manifests', 'site.pp')));
      const caPem = readFileSync(String(settings['localcacert']), 'utf8');
      const status = await send(first.started.port, '/puppet-ca/v1/certificate_status/puppet.example.test', {
        ca: caPem, headers: { Accept: 'application/json' },
        client: { cert: readFileSync(String(settings['hostcert']), 'utf8'), key: readFileSync(String(settings['hostprivkey']), 'utf8') },
      });
      assert.equal(status.status, 200);
      assert.deepEqual(JSON.parse(status.text).authorization_extensions, { pp_cli_auth: 'true' });
      assert.equal((await send(first.started.port, '/status/v1/simple', { ca: caPem })).text, 'running');
    } finally {
      await first.started.server.close(1000);
    }
    const second = await start();
    await second.started.server.close(1000);
    assert.deepEqual(second.lines.filter((l) => /^(Created|Issued)/.test(l)), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a revocation through the CA API applies to the very next request, not after the CRL re-check interval', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-startup-'));
  try {
    const { settings } = resolveSettings({
      runMode: 'server',
      argv: ['--confdir', join(dir, 'etc'), '--vardir', join(dir, 'var'), '--logdir', join(dir, 'log'), '--codedir', join(dir, 'code'),
        '--certname', 'puppet.example.test', '--dns_alt_names', 'localhost', '--serverport', '0', '--bindaddress', '127.0.0.1', '--keylength', '2048'],
    });
    const started = await startServer({
      settings, log: () => undefined, version: '0.0.0',
      // Only the path matters here: authenticated callers pass, others do not.
      authorize: (req) => ({ allowed: req.path.startsWith('/puppet-ca/') || req.identity.authenticated, reason: 'test' }),
    });
    try {
      const caPem = readFileSync(String(settings['localcacert']), 'utf8');
      const host = { cert: readFileSync(String(settings['hostcert']), 'utf8'), key: readFileSync(String(settings['hostprivkey']), 'utf8') };
      const agent = await started.ca.issueHostCert({ certname: 'gone.example.test' });
      const client = { cert: agent.certPem, key: agent.privateKeyPem };
      assert.equal((await send(started.port, '/status/v1/services', { ca: caPem, client })).status, 200);
      const revoke = await send(started.port, '/puppet-ca/v1/certificate_status/gone.example.test', {
        ca: caPem, client: host, method: 'PUT', body: '{"desired_state":"revoked"}', headers: { 'Content-Type': 'application/json' },
      });
      assert.equal(revoke.status, 204, revoke.text);
      assert.equal((await send(started.port, '/status/v1/services', { ca: caPem, client })).status, 403);
    } finally {
      await started.server.close(1000);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
