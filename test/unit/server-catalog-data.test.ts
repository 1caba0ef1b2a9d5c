// The catalog endpoint over real HTTPS with what real modules use: Hiera data
// at the global, environment and module layers (automatic class parameter
// lookup), an ERB template and a module's Ruby function. The first compile
// boots the embedded Ruby in the background and is answered once it is up;
// the rendering, the Ruby function's answer and the module/environment
// values are what real Puppet 7.23 gives for this code (checked with
// shared/tools/puppet-compile.rb, which has no global layer); that the global
// layer wins is Hiera's order, covered from real Puppet by the conformance
// corpus's hiera cases with a global/ layer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { createPuppetServer, type PuppetServer } from '../../src/server/server.js';
import { createRoutes as catalogRoutes } from '../../src/server/routes/catalog.js';
import type { RouteDeps } from '../../src/server/route-loader.js';
import { makePki, send, type TestPki } from './server-fixtures.js';

const FILES: Record<string, string> = {
  'hiera.yaml': '---\nversion: 5\nhierarchy:\n  - name: Global\n    path: global.yaml\n',
  'data/global.yaml': "app::owner: 'from global'\n",
  'envs/production/hiera.yaml': '---\nversion: 5\nhierarchy:\n  - name: Common\n    path: common.yaml\n',
  'envs/production/data/common.yaml': "app::port: 8140\napp::owner: 'from env'\n",
  'envs/production/manifests/site.pp': 'include app\n',
  'envs/production/modules/app/hiera.yaml': '---\nversion: 5\nhierarchy:\n  - name: Module\n    path: common.yaml\n',
  'envs/production/modules/app/data/common.yaml': "app::greeting: 'hello from module data'\napp::owner: 'from module'\n",
  'envs/production/modules/app/manifests/init.pp': [
    'class app (Integer $port, String $greeting, String $owner) {',
    "  file { '/etc/app.conf': content => template('app/app.conf.erb') }",
    "  notify { 'shout': message => app::shout($greeting) }",
    '}',
  ].join('\n'),
  'envs/production/modules/app/templates/app.conf.erb': '<% [@port, @owner].each do |v| -%>\nvalue=<%= v %>\n<% end -%>\n',
  'envs/production/modules/app/lib/puppet/functions/app/shout.rb': [
    "Puppet::Functions.create_function(:'app::shout') do",
    "  dispatch :shout do\n    param 'String', :text\n  end",
    '  def shout(text)\n    text.upcase + "!"\n  end',
    'end',
  ].join('\n'),
};

let pki: TestPki;
let root: string;
let server: PuppetServer;
let port: number;

before(async () => {
  pki = await makePki();
  root = mkdtempSync(join(tmpdir(), 'bunraku-catalog-data-'));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const settings = {
    environmentpath: join(root, 'envs'), basemodulepath: join(root, 'modules'), codedir: root,
    vardir: join(root, 'var'), server_datadir: join(root, 'var/server_data'), hiera_config: join(root, 'hiera.yaml'),
    environment: 'production', environment_timeout: 0, node_terminus: 'plain', external_nodes: 'none',
    digest_algorithm: 'sha256', strict_variables: false,
  };
  const deps = { settings, ca: undefined, log: () => undefined, version: '0.1.0' } as unknown as RouteDeps;
  server = createPuppetServer({
    tls: { cert: pki.server.cert, key: pki.server.key, ca: pki.ca.pem },
    families: [catalogRoutes(deps)],
    authorize: () => ({ allowed: true, reason: 'test' }),
  });
  port = (await server.listen(0, '127.0.0.1')).port;
});

after(async () => {
  await server.close(1000);
  rmSync(root, { recursive: true, force: true });
});

interface WireCatalog {
  resources: { type: string; title: string; parameters?: Record<string, unknown> }[];
}

test('Hiera layers, an ERB template and a Ruby function reach the catalog', async () => {
  const res = await send(port, '/puppet/v3/catalog/agent1.example.test?environment=production', {
    ca: pki.ca.pem, client: pki.agent1, headers: { Accept: 'application/json' },
  });
  assert.equal(res.status, 200, res.body.toString());
  const catalog = JSON.parse(res.body.toString()) as WireCatalog;
  const find = (type: string, title: string) => catalog.resources.find((r) => r.type === type && r.title === title);
  assert.deepEqual(find('Class', 'App')?.parameters, { port: 8140, greeting: 'hello from module data', owner: 'from global' });
  assert.equal(find('File', '/etc/app.conf')?.parameters?.content, 'value=8140\nvalue=from global\n');
  assert.equal(find('Notify', 'shout')?.parameters?.message, 'HELLO FROM MODULE DATA!');
  // the embedded Ruby's standard library was extracted under the server's vardir
  assert.ok(readdirSync(join(root, 'var')).some((n) => /^ruby-stdlib-\d+-\d+$/.test(n)), readdirSync(join(root, 'var')).join(', '));
});
