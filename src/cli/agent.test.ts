// bunraku agent's console: Puppet's colours and streams (bytes as real
// `puppet agent` 7.23 printed them), and the optional --disable message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConsoleLog, splitDisableMessage, wantsColor } from './agent.js';

function capture(color: boolean, min: 'debug' | 'info' | 'notice' = 'debug') {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, log: new ConsoleLog(min, (t) => out.push(t), (t) => err.push(t), color) };
}

test('coloured lines are byte for byte what puppet agent prints; warnings and errors go to stderr', () => {
  const c = capture(true);
  c.log.info("Using environment 'production'");
  c.log.notice("Skipping run of Puppet configuration client; administratively disabled (Reason: 'maint window');\nUse 'puppet agent --enable' to re-enable.");
  c.log.warning('Not using cache on failed catalog');
  c.log.err('Could not send report: No more routes to report');
  c.log.debug('x');
  assert.deepEqual(c.out, [
    "\x1b[0;32mInfo: Using environment 'production'\x1b[0m\n",
    "\x1b[mNotice: Skipping run of Puppet configuration client; administratively disabled (Reason: 'maint window');\nUse 'puppet agent --enable' to re-enable.\x1b[0m\n",
    '\x1b[0;36mDebug: x\x1b[0m\n',
  ]);
  assert.deepEqual(c.err, ['\x1b[1;33mWarning: Not using cache on failed catalog\x1b[0m\n', '\x1b[1;31mError: Could not send report: No more routes to report\x1b[0m\n']);
});

test('without colour the lines are plain; levels below the minimum are dropped', () => {
  const c = capture(false, 'notice');
  c.log.info('hidden');
  c.log.notice('shown');
  c.log.warning('careful');
  assert.deepEqual(c.out, ['Notice: shown\n']);
  assert.deepEqual(c.err, ['Warning: careful\n']);
});

test('colour needs a terminal and the color setting (ansi, true or yes)', () => {
  assert.equal(wantsColor('ansi', true), true);
  assert.equal(wantsColor(true, true), true);
  assert.equal(wantsColor('ansi', false), false);
  assert.equal(wantsColor('false', true), false);
  assert.equal(wantsColor('html', true), false);
});

test('--disable takes an optional message: the next argument unless it is an option, or --disable=MSG', () => {
  assert.deepEqual(splitDisableMessage(['--disable', 'maint window', '--confdir', 'c']), { argv: ['--disable', '--confdir', 'c'], message: 'maint window' });
  assert.deepEqual(splitDisableMessage(['--disable', '--confdir', 'c']), { argv: ['--disable', '--confdir', 'c'], message: undefined });
  assert.deepEqual(splitDisableMessage(['--disable=why']), { argv: ['--disable'], message: 'why' });
  assert.deepEqual(splitDisableMessage(['-t']), { argv: ['-t'], message: undefined });
});
