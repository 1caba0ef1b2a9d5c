// `bunraku agent` obtains its certificate from `bunraku server` (started from
// the sources): autosigned in one run; otherwise it submits, stops with
// Puppet's messages, and gets the cert after `bunraku ca sign`. The
// fingerprints it prints equal what the CA lists. Fails when the server
// cannot be started.
import { test, before, after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBunrakuServer, type Peer } from './agent-ssl-peers.js';
import { certificateScenario } from './agent-ssl-scenario.js';

let dir: string;
let peer: Peer | undefined;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bunraku-agent-ssl-interop-'));
  peer = await startBunrakuServer(join(dir, 'server'));
}, { timeout: 240_000 });

after(async () => {
  await peer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('bunraku agent gets its certificate from bunraku server (autosign, manual signing, fingerprints)', { timeout: 600_000 }, async (t) => {
  await certificateScenario(t, peer!, join(dir, 'agents'));
});
