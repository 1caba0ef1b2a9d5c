// The report the agent PUTs: Puppet's report schema, and the key order of a
// real Puppet 7.23 agent report (test/fixtures/agent/report-puppet-7.23-first-run.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseReport } from '../../report/index.js';
import type { ResourceStatus } from './model.js';
import { buildReport, exitStatus } from './build.js';
import { lastConvergedEnvironment, lastRunSummary, lastRunSummaryYaml } from './summary.js';
import { RunLog } from './run-log.js';
import { silentLog } from '../http/log.js';

const real = JSON.parse(readFileSync(new URL('../../../test/fixtures/agent/report-puppet-7.23-first-run.json', import.meta.url), 'utf8')) as Record<string, unknown>;

function status(resource: string, changed: boolean, failed = false): ResourceStatus {
  return {
    title: 'x', file: '/m.pp', line: 3, resource, resource_type: resource.split('[')[0]!, provider_used: 'posix',
    containment_path: ['Stage[main]', 'Main', resource], evaluation_time: 0.001, tags: ['file'], time: '2026-11-29T17:24:23.484467533+00:00',
    failed, failed_to_restart: false, changed, out_of_sync: changed || failed, skipped: false,
    change_count: changed ? 1 : 0, out_of_sync_count: changed || failed ? 1 : 0,
    events: changed || failed ? [{
      audited: false, property: 'ensure', previous_value: 'absent', desired_value: 'file', historical_value: null,
      message: failed ? 'boom' : 'created', name: 'file_created', status: failed ? 'failure' : 'success',
      time: '2026-11-29T17:24:23.484588785+00:00', redacted: null, corrective_change: false,
    }] : [],
    corrective_change: false,
  };
}

function sample(statuses: ResourceStatus[]) {
  const log = new RunLog(silentLog, () => 1_795_973_060_000);
  log.info('Using environment \'production\'');
  return buildReport({
    host: 'agent1.example.test', time: '2026-11-29T17:24:20.000000000+00:00', configurationVersion: 1795973061,
    transactionUuid: 'fddb6502-8f5c-4831-8306-d457434a7ae6', puppetVersion: '7.23.0', environment: 'production', noop: false,
    logs: log.entries, statuses, transactionCompleted: true, timings: [['config_retrieval', 0.3]], totalTime: 1.2,
    catalogUuid: '51584925-8fed-4bc2-b88f-bd8d81469158', codeId: null, cachedCatalogStatus: 'not_used',
  });
}

test('the report passes Puppet\'s report schema and keeps the real agent\'s key order', () => {
  const report = sample([status('File[/a]', true), status('File[/b]', false)]);
  assert.deepEqual(parseReport(JSON.stringify(report), 'json').problems, []);
  assert.deepEqual(Object.keys(report), Object.keys(real));
  const realStatus = Object.values(real.resource_statuses as Record<string, Record<string, unknown>>).find((s) => (s.events as unknown[]).length > 0)!;
  assert.deepEqual(Object.keys(report.resource_statuses['File[/a]']!), Object.keys(realStatus));
  assert.deepEqual(Object.keys(report.resource_statuses['File[/a]']!.events[0]!), Object.keys((realStatus.events as Record<string, unknown>[])[0]!));
  assert.deepEqual(Object.keys(report.logs[0]!), Object.keys((real.logs as Record<string, unknown>[])[0]!));
  assert.deepEqual(Object.keys(report.metrics), Object.keys(real.metrics as object));
  const realResources = (real.metrics as Record<string, { values: unknown[][] }>).resources!.values.map((v) => v.slice(0, 2));
  assert.deepEqual(report.metrics.resources!.values.map((v) => v.slice(0, 2)), realResources);
});

test('a report missing a required key fails the schema check', () => {
  const report = sample([]) as unknown as Record<string, unknown>;
  delete report.status;
  assert.notDeepEqual(parseReport(JSON.stringify(report), 'json').problems, []);
});

test('status and detailed exit codes', () => {
  const changed = sample([status('File[/a]', true)]);
  assert.equal(changed.status, 'changed');
  assert.equal(exitStatus(changed), 2);
  const failed = sample([status('File[/a]', true), status('File[/b]', false, true)]);
  assert.equal(failed.status, 'failed');
  assert.equal(exitStatus(failed), 6);
  const none = sample([status('File[/a]', false)]);
  assert.equal(none.status, 'unchanged');
  assert.equal(exitStatus(none), 0);
});

test('last_run_summary.yaml has raw_summary\'s sections and gives back the converged environment', () => {
  const report = sample([status('File[/a]', true)]);
  const yaml = lastRunSummaryYaml(lastRunSummary(report, { initialEnvironment: 'production', nowSeconds: 1795973076 }));
  assert.match(yaml, /^---\nversion:\n  config: 1795973061\n  puppet: 7\.23\.0\napplication:\n  run_mode: agent\n  initial_environment: production\n  converged_environment: production\nresources:\n  total: 1\n/);
  assert.match(yaml, /\n  last_run: 1795973076\n/);
  assert.match(yaml, /\nchanges:\n  total: 1\nevents:\n  total: 1\n  failure: 0\n  success: 1\n$/);
  assert.equal(lastConvergedEnvironment(yaml), 'production');
  assert.equal(lastConvergedEnvironment('--- {}\n'), undefined);
});
