// The real command runner: output of both streams in order, exit codes, stdin,
// and a child that leaves a daemon holding its stdout does not hold the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { executionFailure, shellSplit, spawnCommand } from './command.js';

test('spawnCommand: combined output, exit code, stdin, argv without a shell', async () => {
  assert.deepEqual(await spawnCommand('echo out; echo err >&2; exit 3', { shell: true }), { exitCode: 3, output: 'out\nerr\n' });
  assert.deepEqual(await spawnCommand(['/bin/cat'], { stdin: 'in\n' }), { exitCode: 0, output: 'in\n' });
  assert.deepEqual(await spawnCommand("/bin/echo 'a b' c"), { exitCode: 0, output: 'a b c\n' });
  await assert.rejects(spawnCommand(['/nonexistent/bunraku-command']), /ENOENT/);
});

// Bounded: a runner waiting for the streams to close would wait for the 600-second sleep.
test('spawnCommand: returns when the command exits, though a background child keeps its stdout', { timeout: 60_000 }, async () => {
  // An init script that starts a daemon without redirecting its output.
  const r = await spawnCommand('/bin/sleep 600 & echo $!', { shell: true });
  const pid = Number(r.output.trim());
  try {
    assert.equal(r.exitCode, 0);
    assert.ok(pid > 0);
  } finally {
    process.kill(pid);
  }
});

test('executionFailure and shellSplit: Puppet\'s failure text and Shellwords splitting', () => {
  assert.equal(executionFailure(['/usr/sbin/useradd', 'x'], { exitCode: 9, output: 'useradd: user exists\n' }), "Execution of '/usr/sbin/useradd x' returned 9: useradd: user exists");
  assert.deepEqual(shellSplit(`a "b c" 'd e' f\\ g`), ['a', 'b c', 'd e', 'f g']);
});
