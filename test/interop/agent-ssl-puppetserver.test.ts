// `bunraku agent` obtains its certificate from a REAL puppetserver 7.9.5
// (started on loopback with a throwaway confdir): autosigned in one run;
// otherwise it submits, stops with Puppet's messages, and gets the cert after
// the real `puppetserver ca sign`. Its --fingerprint equals `puppetserver ca
// list`. Fails when puppetserver is missing or does not start.
import { test, before, after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPuppetserver, type Peer } from './agent-ssl-peers.js';
import { certificateScenario } from './agent-ssl-scenario.js';

let dir: string;
let peer: Peer | undefined;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bunraku-agent-ssl-puppetserver-'));
  peer = await startPuppetserver(join(dir, 'server'));
}, { timeout: 960_000 });

after(async () => {
  await peer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('bunraku agent gets its certificate from real puppetserver (autosign, puppetserver ca sign, fingerprints)', { timeout: 900_000 }, async (t) => {
  await certificateScenario(t, peer!, join(dir, 'agents'));
});
