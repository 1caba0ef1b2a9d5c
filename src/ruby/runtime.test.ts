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

test('Ruby code evaluated from inside a callback runs at the waiting callback, where breaking out of iterators and raising work', async () => {
  const runtime = new RubyRuntime();
  try {
    await runtime.start();
    const out = runtime.evalSync('"outer:" + Bunraku.callback("nest").to_s', (op) => {
      assert.equal(op, 'nest');
      // In a nested VM call (JS frames on the wasm stack) either of these crashes ruby.wasm.
      const inner = runtime.evalSync("[1, 2, 3].find { |x| x == 2 }.to_s + (begin; [1].each { raise 'boom' }; rescue => e; e.message; end)");
      return `V${JSON.stringify(inner)}`;
    });
    assert.equal(out, 'outer:2boom');
    const failed = runtime.evalSync('Bunraku.callback("nest")', () => {
      assert.throws(() => runtime.evalSync("raise ArgumentError, 'inner failure'"), { message: 'ArgumentError: inner failure' });
      return 'V"recovered"';
    });
    assert.equal(failed, 'recovered');
  } finally {
    runtime.close();
  }
});
