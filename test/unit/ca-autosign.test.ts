// The autosign setting: booleans, autosign.conf whitelists, policy
// executables (argv[1] = certname, CSR on stdin, exit 0 = sign; killed on
// timeout), and a path that does not exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { autosignAllows, whitelistAllows } from '../../src/ca/autosign.js';
import { agentCsr, freshCa, tempDir } from './ca-helpers.js';

test('whitelist: exact names, *.domain globs, *, comments and invalid lines', () => {
  const conf = [
    '# a comment',
    '',
    'exact.example.test',
    '*.dev.example.test',
    'bad entry.example.test',
    'hash#inside.example.test',
    '  ',
  ].join('\n');
  assert.equal(whitelistAllows(conf, 'exact.example.test'), true);
  assert.equal(whitelistAllows(conf, 'a.dev.example.test'), true);
  assert.equal(whitelistAllows(conf, 'a.b.dev.example.test'), true);
  assert.equal(whitelistAllows(conf, 'dev.example.test'), true);
  assert.equal(whitelistAllows(conf, 'other.example.test'), false);
  assert.equal(whitelistAllows(conf, 'xdev.example.test'), false);
  assert.equal(whitelistAllows(conf, 'bad entry.example.test'), false);
  assert.equal(whitelistAllows(conf, 'hash#inside.example.test'), false);
  assert.equal(whitelistAllows('*.EXAMPLE.test', 'a.example.test'), true);
  assert.equal(whitelistAllows('*', 'anything'), true);
  assert.equal(whitelistAllows('# *', 'anything'), false);
  const invalid: string[] = [];
  whitelistAllows(conf, 'nomatch', (line) => invalid.push(line));
  assert.deepEqual(invalid, ['bad entry.example.test', 'hash#inside.example.test']);
});

test('autosign true, false, and a path that does not exist', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    assert.equal(await autosignAllows(true, 'a', ''), true);
    assert.equal(await autosignAllows(false, 'a', ''), false);
    assert.equal(await autosignAllows(join(dir, 'missing.conf'), 'a', ''), false);
    assert.equal(await autosignAllows(dir, 'a', ''), false);
  } finally {
    await cleanup();
  }
});

test('an autosign.conf file signs the names it lists and keeps the rest pending', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const conf = join(dir, 'autosign.conf');
    await writeFile(conf, '*.ok.test\n');
    const ca = await freshCa(dir, { autosign: conf });
    assert.deepEqual(await ca.submitCsr('a.ok.test', (await agentCsr('a.ok.test')).pem), { signed: true });
    assert.deepEqual(await ca.submitCsr('a.no.test', (await agentCsr('a.no.test')).pem), { signed: false });
    assert.equal((await ca.status('a.ok.test')).state, 'signed');
    assert.equal((await ca.status('a.no.test')).state, 'requested');
  } finally {
    await cleanup();
  }
});

test('a policy executable gets the certname and the CSR; its exit code decides', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const script = join(dir, 'policy.sh');
    const seen = join(dir, 'seen');
    await writeFile(script, `#!/bin/sh\necho "$1" > "${seen}.name"\ncat > "${seen}.csr"\ncase "$1" in good.*) exit 0;; *) echo nope >&2; exit 3;; esac\n`);
    await chmod(script, 0o755);
    const lines: string[] = [];
    const ca = await freshCa(dir, { autosign: script, log: (m) => lines.push(m) });
    const csr = await agentCsr('good.example.test');
    assert.deepEqual(await ca.submitCsr('good.example.test', csr.pem), { signed: true });
    assert.equal(await readFile(`${seen}.name`, 'utf8'), 'good.example.test\n');
    assert.equal(await readFile(`${seen}.csr`, 'utf8'), csr.pem);
    assert.deepEqual(await ca.submitCsr('bad.example.test', (await agentCsr('bad.example.test')).pem), { signed: false });
    assert.ok(lines.some((l) => l.includes("rejected certificate 'bad.example.test' because the exit code was 3")), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('generated output to stderr: nope')), lines.join('\n'));
  } finally {
    await cleanup();
  }
});

test('a policy executable that hangs is killed after the timeout and the CSR stays pending', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const script = join(dir, 'hang.sh');
    const pidFile = join(dir, 'pid');
    // The shell starts a child and waits: killing only the shell would orphan it.
    await writeFile(script, `#!/bin/sh\nsleep 600 &\necho $! > "${pidFile}"\nwait\n`);
    await chmod(script, 0o755);
    const lines: string[] = [];
    const ca = await freshCa(dir, { autosign: script, autosignTimeoutMs: 300, log: (m) => lines.push(m) });
    assert.deepEqual(await ca.submitCsr('slow.example.test', (await agentCsr('slow.example.test')).pem), { signed: false });
    assert.equal((await ca.status('slow.example.test')).state, 'requested');
    assert.ok(lines.some((l) => l.includes('did not finish within 300 ms')), lines.join('\n'));
    const pid = Number(await readFile(pidFile, 'utf8'));
    // The script's own child was killed with it: it is gone or a zombie
    // waiting for its new parent to reap it (Linux /proc).
    let gone = false;
    for (let i = 0; i < 100 && !gone; i++) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
      gone = stat === undefined || stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
      if (!gone) await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(gone, true);
  } finally {
    await cleanup();
  }
});
