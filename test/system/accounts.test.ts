// The user and group types on this machine with test-only names
// (bunraku-test-u, bunraku-test-g, bunraku-test-g2) and ids, and files under
// a temporary root owned by them: created with uid/gid/home/shell/groups/
// comment and managehome, changed, removed. Expected events and messages are
// those `puppet apply` 7.23 recorded for the same manifests on Debian 12.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apply, event, requireRoot, type ResourceSpec } from './harness.js';

const U = 'bunraku-test-u';
const G = 'bunraku-test-g';
const G2 = 'bunraku-test-g2';
// Ids far from Debian's allocation ranges; checked free before the tests.
const UID = 47112;
const GID = 47111;
const GID2 = 47113;
const HOME = `/home/${U}`;
let root = '';

function passwdLine(name: string): string | undefined {
  return readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
}

function groupLine(name: string): string | undefined {
  return readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
}

function idInUse(file: string, id: number): boolean {
  return readFileSync(file, 'utf8').split('\n').some((l) => l.split(':')[2] === String(id));
}

function removeAccounts(): void {
  spawnSync('/usr/sbin/userdel', ['-r', U], { stdio: 'ignore' });
  for (const g of [G, G2]) spawnSync('/usr/sbin/groupdel', [g], { stdio: 'ignore' });
  rmSync(HOME, { recursive: true, force: true });
}

const user = (parameters: Record<string, unknown>): ResourceSpec => ({ type: 'User', title: U, parameters });
const group = (title: string, parameters: Record<string, unknown>): ResourceSpec => ({ type: 'Group', title, parameters });

before(() => {
  requireRoot();
  removeAccounts();
  for (const [file, id] of [['/etc/passwd', UID], ['/etc/group', GID], ['/etc/group', GID2], ['/etc/group', GID + 10], ['/etc/passwd', UID + 10]] as const) {
    assert.equal(idInUse(file, id), false, `The system tests need id ${id} free in ${file}`);
  }
  root = mkdtempSync(join(tmpdir(), 'bunraku-accounts-'));
});
after(() => {
  removeAccounts();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('created: groups, then the user with its properties and home, then files it owns', async () => {
  const file = join(root, 'owned');
  const run = await apply([
    // In reverse of the order they need: autorequires (user -> groups, file -> user and group) order them.
    { type: 'File', title: file, parameters: { ensure: 'file', owner: U, group: G, mode: '0640' } },
    user({ ensure: 'present', uid: UID, gid: G, home: HOME, shell: '/bin/sh', groups: [G2], comment: 'Bunraku Test', managehome: true }),
    group(G, { ensure: 'present', gid: GID }),
    group(G2, { ensure: 'present', gid: GID2 }),
  ]);
  assert.deepEqual(run.failed, []);
  assert.deepEqual(run.events[`Group[${G}]`], [event('ensure', 'absent', 'present', 'group_created', 'created')]);
  assert.deepEqual(run.events[`User[${U}]`], [event('ensure', 'absent', 'present', 'user_created', 'created')]);
  assert.deepEqual(run.events[`File[${file}]`], [event('ensure', 'absent', 'file', 'file_created', 'created')]);
  assert.deepEqual(run.logs.map((l) => l.replace(/^notice: \/Stage\[main\]\/Main\//, '')), [
    `Group[${G}]/ensure: created`, `Group[${G2}]/ensure: created`, `User[${U}]/ensure: created`, `File[${file}]/ensure: created`,
  ]);
  assert.equal(passwdLine(U), `${U}:x:${UID}:${GID}:Bunraku Test:${HOME}:/bin/sh`);
  assert.equal(groupLine(G2), `${G2}:x:${GID2}:${U}`);
  // managehome: useradd -m copied /etc/skel into a home the user owns.
  assert.equal(statSync(HOME).uid, UID);
  const st = statSync(file);
  assert.deepEqual([st.uid, st.gid, st.mode & 0o7777], [UID, GID, 0o640]);
});

test('changed: noop reports, then home, uid, comment, shell and groups change in Puppet\'s order', async () => {
  const want = [
    group(G, { ensure: 'present', gid: GID + 10 }),
    user({ ensure: 'present', uid: UID + 10, gid: G, home: `${HOME}2`, shell: '/bin/bash', groups: [G2, G], comment: 'Bunraku Test 2', managehome: true }),
  ];
  const expected = (status: 'noop' | 'success') => {
    const m = (noop: string, done: string) => (status === 'noop' ? noop : done);
    return {
      group: [event('gid', GID, GID + 10, 'gid_changed', m(`current_value ${GID}, should be ${GID + 10} (noop)`, `gid changed ${GID} to ${GID + 10}`), status)],
      user: [
        event('home', HOME, `${HOME}2`, 'home_changed', m(`current_value '${HOME}', should be '${HOME}2' (noop)`, `home changed '${HOME}' to '${HOME}2'`), status),
        event('uid', UID, UID + 10, 'uid_changed', m(`current_value ${UID}, should be ${UID + 10} (noop)`, `uid changed ${UID} to ${UID + 10}`), status),
        event('comment', 'Bunraku Test', 'Bunraku Test 2', 'comment_changed', m("current_value 'Bunraku Test', should be 'Bunraku Test 2' (noop)", "comment changed 'Bunraku Test' to 'Bunraku Test 2'"), status),
        event('shell', '/bin/sh', '/bin/bash', 'shell_changed', m("current_value '/bin/sh', should be '/bin/bash' (noop)", "shell changed '/bin/sh' to '/bin/bash'"), status),
        event('groups', [G2], `${G},${G2}`, 'groups_changed', m(`current_value ${G2}, should be '${G},${G2}' (noop)`, `groups changed ${G2} to ['${G}', '${G2}']`), status),
      ],
    };
  };
  let run = await apply(want, { noop: true });
  assert.deepEqual(run.events[`Group[${G}]`], expected('noop').group);
  assert.deepEqual(run.events[`User[${U}]`], expected('noop').user);
  assert.equal(passwdLine(U), `${U}:x:${UID}:${GID}:Bunraku Test:${HOME}:/bin/sh`);

  run = await apply(want);
  assert.deepEqual(run.events[`Group[${G}]`], expected('success').group);
  assert.deepEqual(run.events[`User[${U}]`], expected('success').user);
  // groupmod moved the user's primary group along with it, so gid is in sync.
  assert.equal(passwdLine(U), `${U}:x:${UID + 10}:${GID + 10}:Bunraku Test 2:${HOME}2:/bin/bash`);
  run = await apply(want);
  assert.deepEqual(run.events, { [`Group[${G}]`]: [], [`User[${U}]`]: [] });
});

test('groups: inclusive membership removes, minimum adds; gid by number', async () => {
  let run = await apply([user({ ensure: 'present', groups: [G2], membership: 'inclusive' })]);
  // The primary group comes first in the current value, as getgrouplist lists it.
  assert.deepEqual(run.events[`User[${U}]`], [event('groups', [G, G2], G2, 'groups_changed', `groups changed ${G},${G2} to ['${G2}']`)]);
  run = await apply([user({ ensure: 'present', groups: [], membership: 'inclusive' })]);
  assert.deepEqual(run.events[`User[${U}]`], [event('groups', [G2], '', 'groups_changed', `groups changed ${G2} to []`)]);
  run = await apply([user({ ensure: 'present', groups: [G2] })], { noop: true });
  assert.deepEqual(run.events[`User[${U}]`], [event('groups', [], G2, 'groups_changed', `current_value , should be '${G2}' (noop)`, 'noop')]);
  run = await apply([user({ ensure: 'present', groups: [G2] })]);
  assert.deepEqual(run.events[`User[${U}]`], [event('groups', [], G2, 'groups_changed', `groups changed  to ['${G2}']`)]);
  run = await apply([user({ ensure: 'present', gid: GID2 })]);
  assert.deepEqual(run.events[`User[${U}]`], [event('gid', GID + 10, GID2, 'gid_changed', `gid changed ${GID + 10} to ${GID2}`)]);
});

test('files under a temporary root: owner, group and mode changed on real ids', async () => {
  const file = join(root, 'plain');
  writeFileSync(file, 'x\n', { mode: 0o600 });
  const dir = join(root, 'dir');
  spawnSync('mkdir', ['-m', '0755', dir]);
  const specs = [
    { type: 'File', title: file, parameters: { owner: U, group: G, mode: 'u=rw,g=r,o=r' } },
    { type: 'File', title: dir, parameters: { owner: UID + 10, mode: '750' } },
  ];
  let run = await apply(specs, { noop: true });
  assert.deepEqual(run.events[`File[${file}]`], [
    event('owner', 0, UID + 10, 'owner_changed', `current_value 'root', should be '${U}' (noop)`, 'noop'),
    event('group', 0, GID + 10, 'group_changed', `current_value 'root', should be '${G}' (noop)`, 'noop'),
    event('mode', '0600', 'u=rw,g=r,o=r', 'mode_changed', "current_value '0600', should be 'u=rw,g=r,o=r' (noop)", 'noop'),
  ]);
  run = await apply(specs);
  assert.deepEqual(run.events[`File[${file}]`], [
    event('owner', 0, UID + 10, 'owner_changed', `owner changed 'root' to '${U}'`),
    event('group', 0, GID + 10, 'group_changed', `group changed 'root' to '${G}'`),
    event('mode', '0600', 'u=rw,g=r,o=r', 'mode_changed', "mode changed '0600' to '0644' (u=rw,g=r,o=r)"),
  ]);
  assert.deepEqual(run.events[`File[${dir}]`], [
    event('owner', 0, UID + 10, 'owner_changed', `owner changed 'root' to '${U}'`),
    event('mode', '0755', '0750', 'mode_changed', "mode changed '0755' to '0750'"),
  ]);
  const st = statSync(file);
  assert.deepEqual([st.uid, st.gid, st.mode & 0o7777], [UID + 10, GID + 10, 0o644]);
  assert.deepEqual(await apply(specs).then((r) => r.events), { [`File[${file}]`]: [], [`File[${dir}]`]: [] });
});

test('password and its ages: the password is always redacted', async () => {
  const hash = '$6$bunraku$testhashonly';
  let run = await apply([user({ ensure: 'present', password: hash, password_min_age: 1, password_max_age: 80 })], { noop: true });
  assert.deepEqual(run.events[`User[${U}]`]![0], event('password', '[redacted]', '[redacted]', 'password_changed', 'current_value [redacted], should be [redacted] (noop)', 'noop'));
  run = await apply([user({ ensure: 'present', password: hash, password_min_age: 1, password_max_age: 80 })]);
  assert.deepEqual(run.events[`User[${U}]`], [
    event('password', '[redacted]', '[redacted]', 'password_changed', 'changed [redacted] to [redacted]'),
    event('password_min_age', 0, 1, 'password_min_age_changed', 'password_min_age changed 0 to 1'),
    event('password_max_age', 99999, 80, 'password_max_age_changed', 'password_max_age changed 99999 to 80'),
  ]);
  const shadow = readFileSync('/etc/shadow', 'utf8').split('\n').find((l) => l.startsWith(`${U}:`))!.split(':');
  assert.deepEqual([shadow[1], shadow[3], shadow[4]], [hash, '1', '80']);
  run = await apply([user({ ensure: 'present', password: hash, password_min_age: 1, password_max_age: 80 })]);
  assert.deepEqual(run.events[`User[${U}]`], []);
});

test('removed: the user with managehome takes its home along, then the groups', async () => {
  // Back to the home it was created with (the uid change left it to the old uid, and userdel -r
  // refuses a home the user does not own).
  spawnSync('/usr/sbin/usermod', ['-d', HOME, U]);
  spawnSync('chown', ['-R', U, HOME]);
  assert.ok(existsSync(HOME));
  let run = await apply([user({ ensure: 'absent', managehome: true })]);
  assert.deepEqual(run.events[`User[${U}]`], [event('ensure', 'present', 'absent', 'user_removed', 'removed')]);
  assert.equal(passwdLine(U), undefined);
  assert.equal(existsSync(HOME), false);
  run = await apply([group(G, { ensure: 'absent' }), group(G2, { ensure: 'absent' })]);
  assert.deepEqual(run.events[`Group[${G}]`], [event('ensure', 'present', 'absent', 'group_removed', 'removed')]);
  assert.deepEqual(run.events[`Group[${G2}]`], [event('ensure', 'present', 'absent', 'group_removed', 'removed')]);
  assert.equal(groupLine(G), undefined);
  run = await apply([user({ ensure: 'absent' }), group(G, { ensure: 'absent' })]);
  assert.deepEqual(run.events, { [`User[${U}]`]: [], [`Group[${G}]`]: [] });
});
