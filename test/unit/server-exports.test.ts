// Exported resources through the catalog endpoint over real HTTPS: node A's
// catalog request stores what A exports, node B's request collects it, as
// puppetserver with storeconfigs (PuppetDB) answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createPuppetServer, type PuppetServer } from '../../src/server/server.js';
import { createRoutes as catalogRoutes } from '../../src/server/routes/catalog.js';
import type { RouteDeps } from '../../src/server/route-loader.js';
import { ExportStore, exportsDir } from '../../src/exports/index.js';
import { makePki, send, type TestPki } from './server-fixtures.js';

const SITE = `
node 'agent1.example.test' {
  @@file { '/etc/lb/agent1': ensure => file, content => 'from agent1', tag => ['lb'] }
  notify { 'agent1 plain': }
}
class lb { File <<| tag == 'lb' |>> { mode => '0640' } }
node 'agent2.example.test' { include lb }
`;

let pki: TestPki;
let root: string;
const servers: PuppetServer[] = [];
const logs: string[] = [];

before(async () => {
  pki = await makePki();
  root = mkdtempSync(join(tmpdir(), 'bunraku-exports-server-'));
  mkdirSync(join(root, 'envs/production/manifests'), { recursive: true });
  writeFileSync(join(root, 'envs/production/manifests/site.pp'), SITE);
});

after(async () => {
  for (const s of servers) await s.close(1000);
  rmSync(root, { recursive: true, force: true });
});

/** A catalog server over `root`; its state lives in `vardir`. */
async function startServer(vardir: string, storeconfigs: boolean): Promise<number> {
  const settings = {
    environmentpath: join(root, 'envs'),
    basemodulepath: join(root, 'modules'),
    codedir: root,
    vardir,
    server_datadir: join(vardir, 'server_data'),
    hiera_config: join(root, 'hiera.yaml'),
    environment: 'production',
    environment_timeout: 0,
    node_terminus: 'plain',
    external_nodes: 'none',
    digest_algorithm: 'sha256',
    strict_variables: false,
    storeconfigs,
  };
  const deps = { settings, ca: undefined, log: (level: string, message: string) => logs.push(`${level}: ${message}`), version: '0.1.0' } as unknown as RouteDeps;
  const server = createPuppetServer({
    tls: { cert: pki.server.cert, key: pki.server.key, ca: pki.ca.pem },
    families: [catalogRoutes(deps)],
    authorize: () => ({ allowed: true, reason: 'test' }),
  });
  servers.push(server);
  return (await server.listen(0, '127.0.0.1')).port;
}

interface WireCatalog {
  resources: { type: string; title: string; tags: string[]; exported: boolean; file?: string; parameters?: Record<string, unknown> }[];
  edges: { source: string; target: string }[];
}

async function catalogOf(port: number, node: string): Promise<WireCatalog> {
  const res = await send(port, `/puppet/v3/catalog/${node}?environment=production`, {
    ca: pki.ca.pem, client: pki.agent1, headers: { Accept: 'application/json' },
  });
  assert.equal(res.status, 200, res.body.toString());
  return JSON.parse(res.body.toString()) as WireCatalog;
}

test('node A\'s catalog request exports, node B\'s collects; cleaning A takes its exports away', async () => {
  const vardir = mkdtempSync(join(root, 'var-'));
  const port = await startServer(vardir, true);

  const a = await catalogOf(port, 'agent1.example.test');
  // the agent never receives what it exports
  assert.deepEqual(a.resources.filter((r) => r.type === 'File'), []);
  assert.deepEqual(readdirSync(exportsDir(join(vardir, 'server_data'))), ['agent1.example.test.json']);

  const b = await catalogOf(port, 'agent2.example.test');
  assert.deepEqual(b.resources.filter((r) => r.type === 'File'), [{
    type: 'File', title: '/etc/lb/agent1', tags: ['lb', 'file', 'class', 'node', 'agent2.example.test'], exported: false, kind: 'compilable_type',
    parameters: { ensure: 'file', content: 'from agent1', tag: ['lb'], mode: '0640' },
  }]);
  assert.ok(b.edges.some((e) => e.source === 'Class[Lb]' && e.target === 'File[/etc/lb/agent1]'));
  // agent2 exports nothing, so it gets no file of its own
  assert.deepEqual(readdirSync(exportsDir(join(vardir, 'server_data'))), ['agent1.example.test.json']);

  // `bunraku ca clean agent1.example.test` (another process) deactivates the node
  assert.equal(await new ExportStore(exportsDir(join(vardir, 'server_data'))).deactivate('agent1.example.test'), true);
  const again = await catalogOf(port, 'agent2.example.test');
  assert.deepEqual(again.resources.filter((r) => r.type === 'File'), []);
});

test('without storeconfigs nothing is stored or collected, and Puppet\'s warning is logged', async () => {
  const vardir = mkdtempSync(join(root, 'var-'));
  const port = await startServer(vardir, false);
  await catalogOf(port, 'agent1.example.test');
  const b = await catalogOf(port, 'agent2.example.test');
  assert.deepEqual(b.resources.filter((r) => r.type === 'File'), []);
  assert.deepEqual(readdirSync(vardir).filter((n) => n === 'server_data' ? readdirSync(join(vardir, n)).includes('exports') : false), []);
  assert.ok(logs.some((l) => l.startsWith('warning: ') && l.includes('You cannot collect exported resources without storeconfigs being set; the collection will be ignored')), logs.join('\n'));
});
