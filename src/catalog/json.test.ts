import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog, CatalogResource } from './catalog.js';
import { catalogToJson, catalogToJsonBuffer, catalogToPrettyJson } from './json.js';
import { DEFAULT, PBinary, PDeferred, PFloat, PHash, PRegexp, PSensitive } from '../lang/values.js';
import { IntegerType } from '../lang/types/types.js';

/** The pretty text with the whitespace between tokens removed (strings kept as they are). */
function compacted(pretty: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < pretty.length; i++) {
    const ch = pretty[i]!;
    if (inString) {
      out += ch;
      if (ch === '\\') out += pretty[++i];
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch !== ' ' && ch !== '\n') {
      out += ch;
    }
  }
  return out;
}

function resource(type: string, title: string, params: [string, unknown][] = []): CatalogResource {
  const r = new CatalogResource(type, title, 'compilable_type');
  for (const [k, v] of params) r.parameters.set(k, v as never);
  r.tags.add(type.toLowerCase());
  return r;
}

/** A catalog with every kind of value the compact writer handles itself or hands to the tree writer. */
function sampleCatalog(): Catalog {
  const c = new Catalog('node1.example', 'production');
  c.version = 1700000000;
  c.codeId = null;
  c.catalogUuid = '00000000-0000-0000-0000-000000000000';
  c.tags.addAll(['settings', 'class']);
  c.classes.push('settings', 'main');
  const main = new CatalogResource('Class', 'main', 'class');
  c.add(main);
  const file = resource('File', '/tmp/a "quoted"\nname', [
    ['ensure', 'file'],
    ['mode', '0644'],
    ['content', new PSensitive('s3cret \u00e9 \u2028')],
    ['size', 12345678901234567890n],
    ['ratio', new PFloat(1)],
    ['tiny', new PFloat(1e-7)],
    ['list', [1, 'two', [true, false], undefined]],
    ['nested', PHash.fromObject({ '10': 'ten', '2': PHash.fromObject({ x: new PFloat(2.5) }) })],
    ['intkeys', PHash.from([[1, 'one'], ['b', 2]])],
    ['pattern', new PRegexp('^a/b$')],
    ['blob', new PBinary(Buffer.from([0, 1, 2, 255]))],
    ['later', new PDeferred('join', [['a', 'b'], '-'])],
    ['type', new IntegerType(1, 5)],
    ['dflt', DEFAULT],
    ['skipped', undefined],
  ]);
  file.file = '/etc/puppet/code/site.pp';
  file.line = 7;
  c.add(file);
  const made = resource('Notify', 'made by create_resources');
  made.exportedSet = false;
  c.add(made);
  const hidden = resource('Notify', 'virtual one', [['message', 'x']]);
  hidden.virtual = true;
  c.add(hidden);
  const empty = resource('Notify', 'no parameters');
  c.add(empty);
  // Added out of target order: the JSON groups edges by target in catalog order.
  c.addEdge(main, empty);
  c.addEdge(main, hidden);
  c.addEdge(main, file);
  c.addEdge(main, made);
  return c;
}

test('compact catalog JSON is the pretty JSON without its whitespace, rich and plain', () => {
  const c = sampleCatalog();
  for (const richData of [true, false]) {
    assert.equal(catalogToJson(c, { richData }), compacted(catalogToPrettyJson(c, { richData })));
  }
});

test('a catalog written in many chunks (thousands of resources, multi-byte text) is the same text, as UTF-8 bytes too', () => {
  const c = sampleCatalog();
  const main = c.resources.find((r) => r.type === 'Class')!;
  for (let i = 0; i < 3000; i++) {
    const r = resource('File', `/srv/\u00e9t\u00e9/${i} \u{1F600}`, [['content', `line ${i}\n\u2603`], ['mode', '0644']]);
    c.add(r);
    c.addEdge(main, r);
  }
  for (const richData of [true, false]) {
    const text = catalogToJson(c, { richData });
    assert.ok(text.length > 300_000, String(text.length));
    assert.equal(text, compacted(catalogToPrettyJson(c, { richData })));
    assert.ok(catalogToJsonBuffer(c, { richData }).equals(Buffer.from(text, 'utf8')));
  }
});

test('compact catalog JSON: key order, edge order, virtual resources left out, sensitive parameters listed', () => {
  const c = new Catalog('n', 'production');
  c.version = 'v1';
  c.catalogUuid = 'u';
  const main = new CatalogResource('Class', 'main', 'class');
  c.add(main);
  const b = resource('Notify', 'b', [['message', new PSensitive('hush')], ['big', 2n ** 64n], ['f', new PFloat(0.1)]]);
  const a = resource('Notify', 'a');
  a.exportedSet = false;
  const v = resource('Notify', 'v');
  v.virtual = true;
  c.add(b);
  c.add(a);
  c.add(v);
  c.addEdge(main, a);
  c.addEdge(main, v);
  c.addEdge(main, b);
  assert.equal(
    catalogToJson(c),
    '{"tags":[],"name":"n","version":"v1","code_id":null,"catalog_uuid":"u","catalog_format":2,"environment":"production",' +
      '"resources":[{"type":"Class","title":"main","tags":[],"exported":false,"kind":"class"},' +
      '{"type":"Notify","title":"b","tags":["notify"],"exported":false,"kind":"compilable_type",' +
      '"parameters":{"message":"hush","big":18446744073709551616,"f":0.1},"sensitive_parameters":["message"]},' +
      '{"type":"Notify","title":"a","tags":["notify"],"kind":"compilable_type","exported":false}],' +
      '"edges":[{"source":"Class[main]","target":"Notify[b]"},{"source":"Class[main]","target":"Notify[a]"}],"classes":[]}',
  );
});
