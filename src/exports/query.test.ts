// Rules from puppetdb's resource terminus (puppet/lib/puppet/indirector/resource/puppetdb.rb,
// build_predicate) and PuppetDB's query docs (documentation/api/query/v4/ast.markdown, `=`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesExportQuery, queryToPuppetDbAst, type ExportQuery } from './query.js';
import type { ExportedResource, JsonData } from './resource.js';

const r: ExportedResource = {
  type: 'Nagios_service', title: 'check_http_web1', tags: ['nagios_service', 'monitoring', 'profile::web', 'profile', 'web'],
  parameters: { ensure: 'present', port: 80, hostgroups: ['web', 'prod'], use: 'generic', require: 'File[/etc/nagios]', opts: { a: [1, 2] } },
};
const eq = (field: string, value: JsonData): ExportQuery => ({ op: '==', field, value });
const ne = (field: string, value: JsonData): ExportQuery => ({ op: '!=', field, value });

test('no query matches everything', () => {
  assert.equal(matchesExportQuery(undefined, r), true);
});

test('tag == x matches any of the resource\'s tags, case-insensitively', () => {
  assert.equal(matchesExportQuery(eq('tag', 'monitoring'), r), true);
  assert.equal(matchesExportQuery(eq('tag', 'Profile::Web'), r), true);
  assert.equal(matchesExportQuery(eq('tag', 'db'), r), false);
  assert.equal(matchesExportQuery(ne('tag', 'db'), r), true);
  assert.equal(matchesExportQuery(ne('tag', 'WEB'), r), false);
});

test('title == x is exact and case-sensitive', () => {
  assert.equal(matchesExportQuery(eq('title', 'check_http_web1'), r), true);
  assert.equal(matchesExportQuery(eq('title', 'CHECK_HTTP_WEB1'), r), false);
});

test('a parameter equals its JSON value, and an array parameter equals any of its elements', () => {
  assert.equal(matchesExportQuery(eq('ensure', 'present'), r), true);
  assert.equal(matchesExportQuery(eq('ensure', 'Present'), r), false);
  assert.equal(matchesExportQuery(eq('port', 80), r), true);
  assert.equal(matchesExportQuery(eq('port', '80'), r), false);
  assert.equal(matchesExportQuery(eq('hostgroups', 'prod'), r), true);
  assert.equal(matchesExportQuery(eq('hostgroups', ['web', 'prod']), r), true);
  assert.equal(matchesExportQuery(eq('hostgroups', 'dev'), r), false);
  assert.equal(matchesExportQuery(eq('require', 'File[/etc/nagios]'), r), true);
  assert.equal(matchesExportQuery(eq('opts', { a: [1, 2] }), r), true);
  assert.equal(matchesExportQuery(eq('opts', { a: [2, 1] }), r), false);
});

test('a missing parameter equals nothing, so != matches it', () => {
  assert.equal(matchesExportQuery(eq('owner', 'root'), r), false);
  assert.equal(matchesExportQuery(ne('owner', 'root'), r), true);
  assert.equal(matchesExportQuery(ne('hostgroups', 'prod'), r), false);
});

test('and, or and their nesting', () => {
  const q: ExportQuery = { op: 'and', left: eq('tag', 'web'), right: { op: 'or', left: eq('port', 443), right: eq('use', 'generic') } };
  assert.equal(matchesExportQuery(q, r), true);
  assert.equal(matchesExportQuery({ op: 'and', left: eq('tag', 'web'), right: eq('port', 443) }, r), false);
  assert.equal(matchesExportQuery({ op: 'or', left: eq('tag', 'nope'), right: eq('port', 80) }, r), true);
});

test('the PuppetDB AST the terminus would send', () => {
  const q: ExportQuery = { op: 'and', left: eq('tag', 'Web'), right: { op: 'or', left: ne('title', 'x'), right: eq('port', 80) } };
  assert.deepEqual(queryToPuppetDbAst(q), ['and', ['=', 'tag', 'web'], ['or', ['not', ['=', 'title', 'x']], ['=', ['parameter', 'port'], 80]]]);
});
