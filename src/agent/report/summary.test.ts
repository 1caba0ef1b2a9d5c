// `--summarize` output: the expected text is what real `puppet apply
// --summarize` 7.23 printed for a one-notify catalog; the raw summary below
// carries values whose Ruby text orders the lines as that run's did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportSummaryText, rubyFloatToS } from './summary.js';

test('the summary reads as Puppet prints it: sections by name, lines by value text with total last, zeros left out', () => {
  const raw = {
    version: { config: 1795994722, puppet: '7.23.0' },
    application: { run_mode: 'user', initial_environment: 'production', converged_environment: 'production' },
    resources: { changed: 1, corrective_change: 0, failed: 0, failed_to_restart: 0, out_of_sync: 1, restarted: 0, scheduled: 0, skipped: 0, total: 8 },
    time: {
      schedule: 0.000187, notify: 0.0412, transaction_evaluation: 0.0713, catalog_application: 0.1193, config_retrieval: 1.3512,
      last_run: 1795994723, filebucket: 4.9e-05, total: 0.1302,
    },
    changes: { total: 1 },
    events: { failure: 0, success: 1, total: 1 },
  };
  assert.equal(reportSummaryText(raw), [
    'Application:',
    '   Initial environment: production',
    '   Converged environment: production',
    '         Run mode: user',
    'Changes:',
    '            Total: 1',
    'Events:',
    '          Success: 1',
    '            Total: 1',
    'Resources:',
    '          Changed: 1',
    '      Out of sync: 1',
    '            Total: 8',
    'Time:',
    '         Schedule: 0.00',
    '           Notify: 0.04',
    '   Transaction evaluation: 0.07',
    '   Catalog application: 0.12',
    '   Config retrieval: 1.35',
    '         Last run: 1795994723',
    '       Filebucket: 0.00',
    '            Total: 0.13',
    'Version:',
    '           Config: 1795994722',
    '           Puppet: 7.23.0',
    '',
  ].join('\n'));
});

test('floats print as Ruby prints them', () => {
  assert.equal(rubyFloatToS(4.9e-5), '4.9e-05');
  assert.equal(rubyFloatToS(1e-5), '1.0e-05');
  assert.equal(rubyFloatToS(0.0001), '0.0001');
  assert.equal(rubyFloatToS(2), '2.0');
  assert.equal(rubyFloatToS(0.1193), '0.1193');
});
