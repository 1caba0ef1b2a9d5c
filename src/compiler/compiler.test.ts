import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compile, nodeNames } from './compiler.js';
import { Environment } from './environment.js';
import { memoryHost } from './host.js';
import { catalogToJson } from '../catalog/json.js';
import { CompileError } from './errors.js';

const ENV_ROOT = '/etc/puppetlabs/code/environments';
const testdata = new URL('./testdata/web-env/', import.meta.url).pathname;

/** Loads testdata/web-env/production into an in-memory file system under ENV_ROOT. */
function webEnvFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, `${rel}/${name}`);
      else files[`${ENV_ROOT}${rel}/${name}`] = readFileSync(p, 'utf8');
    }
  };
  walk(join(testdata, 'production'), '/production');
  return files;
}

function compileIn(files: Record<string, string>, node = 'agent1.example.test', facts: Record<string, unknown> = {}) {
  const host = memoryHost(files);
  const env = Environment.find(host, { environmentpath: [ENV_ROOT] }, 'production');
  assert.ok(env, 'environment exists');
  return compile({ node, facts, environment: env, host, version: 1700000000, catalogUuid: '00000000-0000-0000-0000-000000000000' });
}

test('the web environment compiles to the exact bytes Puppet 7 produced', () => {
  const facts = JSON.parse(readFileSync(join(testdata, 'facts.json'), 'utf8')) as Record<string, unknown>;
  const result = compileIn(webEnvFiles(), 'web1.example.com', facts);
  const expected = readFileSync(join(testdata, 'expected.json'), 'utf8').trimEnd();
  assert.equal(catalogToJson(result.catalog), expected);
});

test('a compile records the files it read', () => {
  const result = compileIn(webEnvFiles(), 'web1.example.com', { os: { family: 'Debian' } });
  assert.ok(result.filesRead.has(`${ENV_ROOT}/production/modules/web/manifests/init.pp`));
  assert.ok(result.filesRead.has(`${ENV_ROOT}/production/modules/web/templates/index.epp`));
});

test('a duplicate declaration fails with Puppet\'s message and location', () => {
  const site = `${ENV_ROOT}/production/manifests/site.pp`;
  assert.throws(
    () => compileIn({ [site]: "notify { 'x': }\nnotify { 'x': }\n" }),
    (err: unknown) => err instanceof CompileError && err.message ===
      `Evaluation Error: Error while evaluating a Resource Statement, Duplicate declaration: Notify[x] is already declared at (file: ${site}, line: 1); cannot redeclare (file: ${site}, line: 2) (file: ${site}, line: 2, column: 1) on node agent1.example.test`,
  );
});

test('an unknown class names the node as Puppet does', () => {
  const site = `${ENV_ROOT}/production/manifests/site.pp`;
  assert.throws(
    () => compileIn({ [site]: 'include nope\n' }, 'n1'),
    (err: unknown) => err instanceof CompileError && err.message ===
      `Evaluation Error: Error while evaluating a Function Call, Could not find class ::nope for n1 (file: ${site}, line: 1, column: 1) on node n1`,
  );
});

test('variables assigned in conditionals are visible after them, match variables are not', () => {
  const site = `${ENV_ROOT}/production/manifests/site.pp`;
  const r = compileIn({ [site]: "if 'ab' =~ /(b)/ { $x = $1 }\nnotify { 'n': message => \"${x}|${1}\" }\n" });
  assert.equal(r.catalog.get('Notify[n]')?.parameters.get('message'), 'b|');
});

test('defined types are evaluated after the main code, in declaration order', () => {
  const site = `${ENV_ROOT}/production/manifests/site.pp`;
  const r = compileIn({ [site]: "define d { notify { \"in-${title}\": } }\nd { 'one': }\nnotify { 'main': }\nd { 'two': }\n" });
  assert.deepEqual(r.catalog.resources.map((x) => x.ref).slice(3), ['D[one]', 'Notify[main]', 'D[two]', 'Notify[in-one]', 'Notify[in-two]']);
});

test('Puppet 7 matches nodes by certname only, then default', () => {
  assert.deepEqual(nodeNames('web1.example.com'), ['web1.example.com']);
});

test('a compile records the fact key paths it read', () => {
  const site = `${ENV_ROOT}/production/manifests/site.pp`;
  const r = compileIn(
    { [site]: "notify { 'a': message => \"${facts['os']['family']} ${hostname} ${networking['ip']}\" }\n" },
    'n1',
    { os: { family: 'Debian', release: { major: '12' } }, hostname: 'h', networking: { ip: '10.0.0.1' }, unused: 1 },
  );
  assert.deepEqual([...r.factsRead].sort(), ['hostname', 'networking.ip', 'os.family']);
});
