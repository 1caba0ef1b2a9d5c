import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

test('code sent to Ruby leaves nothing behind in its memory (vm.eval leaked a copy of every code string)', async () => {
  const runtime = new RubyRuntime();
  try {
    await runtime.start();
    const big = `x = ${JSON.stringify('a'.repeat(64 * 1024))}; x.size`;
    // Full GCs keep Ruby's own garbage from growing the memory (its GC
    // otherwise lets up to 128 MB of malloc'd memory pile up between them).
    for (let i = 0; i < 20; i++) runtime.evalSync(big);
    runtime.evalSync('GC.start');
    const before = runtime.wasmMemoryBytes();
    for (let i = 0; i < 300; i++) {
      assert.equal(runtime.evalSync(big), String(64 * 1024));
      if (i % 10 === 9) runtime.evalSync('GC.start');
    }
    // 300 leaked copies would be 19 MB more.
    assert.ok(runtime.wasmMemoryBytes() - before < 4 * 1024 * 1024, `grew from ${before} to ${runtime.wasmMemoryBytes()} bytes`);
  } finally {
    runtime.close();
  }
});

test('callback answers leave nothing behind in Ruby\'s memory', async () => {
  const runtime = new RubyRuntime();
  try {
    await runtime.start();
    const answer = `V${JSON.stringify('b'.repeat(64 * 1024))}`;
    const code = '20.times.sum { Bunraku.callback("big").size }';
    for (let i = 0; i < 2; i++) runtime.evalSync(code, () => answer);
    runtime.evalSync('GC.start');
    const before = runtime.wasmMemoryBytes();
    // 300 leaked answers would be 19 MB
    for (let i = 0; i < 15; i++) {
      assert.equal(runtime.evalSync(code, () => answer), String(20 * 64 * 1024));
      runtime.evalSync('GC.start');
    }
    assert.ok(runtime.wasmMemoryBytes() - before < 4 * 1024 * 1024, `grew from ${before} to ${runtime.wasmMemoryBytes()} bytes`);
  } finally {
    runtime.close();
  }
});

test('a failure names the evaluated code\'s frames and the exception class, as vm.eval did', async () => {
  const runtime = new RubyRuntime();
  try {
    await runtime.start();
    assert.throws(() => runtime.evalSync('def boom; raise ArgumentError, "bad"; end\nboom'), {
      message: "eval:1:in `boom': bad (ArgumentError)\neval:2:in `<main>'",
    });
    assert.throws(() => runtime.evalSync('def ('), { message: /^SyntaxError: eval:1: syntax error/ });
    assert.equal(runtime.evalSync('y = 5; "ok"'), 'ok');
    assert.equal(runtime.evalSync('defined?(y) ? y.to_s : "no"'), '5', 'locals persist at the top level, as with vm.eval');
  } finally {
    runtime.close();
  }
});

test('the standard library is extracted once into stdlibDir, by concurrent runtimes alike, and Ruby loads from it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bunraku-stdlib-test-'));
  const dir = join(root, 'stdlib');
  const runtimes = [new RubyRuntime({ stdlibDir: dir }), new RubyRuntime({ stdlibDir: dir })];
  try {
    await Promise.all(runtimes.map((r) => r.start()));
    for (const r of runtimes) {
      assert.equal(r.evalSync('require "set"; require "digest"; Digest::MD5.hexdigest(Set.new(["x"]).first)'), '9dd4e461268c8034f5c8564e155c67a6');
    }
    assert.ok(existsSync(join(dir, 'usr/local/lib/ruby/3.3.0/erb.rb')));
    assert.deepEqual(readdirSync(root), ['stdlib'], 'no partial copy is left behind');
  } finally {
    for (const r of runtimes) r.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a standard library missing files (a temporary-directory cleaner at work) is extracted anew', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bunraku-stdlib-test-'));
  const dir = join(root, 'stdlib');
  const set = join(dir, 'usr/local/lib/ruby/3.3.0/set.rb');
  let runtime = new RubyRuntime({ stdlibDir: dir });
  try {
    await runtime.start();
    runtime.close();
    rmSync(set);
    runtime = new RubyRuntime({ stdlibDir: dir });
    assert.equal(runtime.evalSync('require "set"; Set.new([1, 1]).size.to_s'), '1');
    assert.ok(existsSync(set));
    assert.deepEqual(readdirSync(root), ['stdlib'], 'the broken copy is gone');
  } finally {
    runtime.close();
    rmSync(root, { recursive: true, force: true });
  }
});
