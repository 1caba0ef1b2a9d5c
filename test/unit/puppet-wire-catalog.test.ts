// The environment of the captured real runs (module data from Hiera, an EPP
// and an ERB template, a Ruby custom fact's value) compiles to the catalog
// real puppetserver 7.9.5 sent for the same facts: identical but for version,
// catalog_uuid and the environment's directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from '../../src/compiler/index.js';
import { RubyRuntime } from '../../src/ruby/runtime.js';

const fixtures = fileURLToPath(new URL('../fixtures/puppet-wire/', import.meta.url));
const RECORDED_ENV_DIR = '/etc/puppet/code/environments/production';

function normalise(catalogText: string, envDir: string): unknown {
  const c = JSON.parse(catalogText.split(envDir).join('ENV')) as Record<string, unknown>;
  delete c.version;
  delete c.catalog_uuid;
  return c;
}

test('the captured environment compiles to the catalog puppetserver sent', () => {
  const facts = JSON.parse(readFileSync(`${fixtures}facts.json`, 'utf8')) as { name: string; values: Record<string, unknown> };
  const ruby = new RubyRuntime();
  try {
    const ours = compile({
      environmentPath: `${fixtures}environments`,
      environment: 'production',
      node: facts.name,
      facts: facts.values,
      hieraConfig: `${fixtures}no-global-hiera.yaml`,
      ruby: () => ruby,
    });
    const expected = readFileSync(`${fixtures}catalog.json`, 'utf8');
    assert.deepEqual(normalise(ours, `${fixtures}environments/production`), normalise(expected, RECORDED_ENV_DIR));
  } finally {
    ruby.close();
  }
});
