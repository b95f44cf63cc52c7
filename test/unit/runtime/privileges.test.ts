import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UserSpec } from '../../../src/config/types';
import { dropPrivileges } from '../../../src/runtime/privileges';

const app: UserSpec = { spec: 'app', name: 'app', uid: 1000, gid: 1000, groups: [1000, 27], home: '/home/app' };

function fakeIds(uid: number) {
  const calls: string[] = [];
  return {
    calls,
    ids: {
      getuid: () => uid,
      setgroups: (g: number[]) => void calls.push(`setgroups ${g.join(',')}`),
      setgid: (id: number) => void calls.push(`setgid ${id}`),
      setuid: (id: number) => void calls.push(`setuid ${id}`),
    },
  };
}

test('no user=: nothing changes', () => {
  const f = fakeIds(0);
  assert.deepEqual(dropPrivileges(null, f.ids), { ok: true, message: null });
  assert.deepEqual(f.calls, []);
});

test('root drops to the user: groups, then gid, then uid', () => {
  const f = fakeIds(0);
  assert.deepEqual(dropPrivileges(app, f.ids), { ok: true, message: 'Set uid to user 1000 succeeded' });
  assert.deepEqual(f.calls, ['setgroups 1000,27', 'setgid 1000', 'setuid 1000']);
});

test('already that user: no change, but the line as supervisord logs it; another non-root user: supervisord\'s error', () => {
  const same = fakeIds(1000);
  assert.deepEqual(dropPrivileges(app, same.ids), { ok: true, message: 'Set uid to user 1000 succeeded' });
  assert.deepEqual(same.calls, []);
  assert.deepEqual(dropPrivileges(app, fakeIds(1001).ids), { ok: false, error: "Can't drop privilege as nonroot user" });
});

test('a failing setuid is reported, not thrown', () => {
  const f = fakeIds(0);
  const ids = { ...f.ids, setuid: () => { throw new Error('EPERM, Operation not permitted'); } };
  assert.deepEqual(dropPrivileges(app, ids), { ok: false, error: 'Could not set user id of user app: EPERM, Operation not permitted' });
});
