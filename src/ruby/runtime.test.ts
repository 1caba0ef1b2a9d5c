import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RubyRuntime, RubyRuntimeError } from './runtime.js';

test('a runaway template is stopped after the timeout and the worker is replaced on the next call', async () => {
  const runtime = new RubyRuntime({ timeoutMs: 1500 });
  try {
    await runtime.start();
    assert.throws(() => runtime.evalSync('loop { }'), RubyRuntimeError);
    assert.equal(runtime.started, false);
  } finally {
    runtime.close();
  }
});

test('callbacks from Ruby are answered synchronously while the caller waits, in order', async () => {
  const runtime = new RubyRuntime();
  try {
    await runtime.start();
    const seen: string[] = [];
    const out = runtime.evalSync('(1..3).map { |i| Bunraku.callback("echo", i) }.join(",")', (op, args) => {
      seen.push(`${op}${args}`);
      return `V${JSON.parse(args)[0] * 10}`;
    });
    assert.equal(out, '10,20,30');
    assert.deepEqual(seen, ['echo[1]', 'echo[2]', 'echo[3]']);
  } finally {
    runtime.close();
  }
});
