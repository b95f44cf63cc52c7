// The user database from /etc/passwd and /etc/group text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGroup, parsePasswd, userDbFromText } from '../../../src/config/users';

test('passwd and group lines; comments, NIS lines and broken lines skipped', () => {
  assert.deepEqual(parsePasswd('# c\nroot:x:0:0:root:/root:/bin/sh\n+nis::::::\nbad:x:y:0::/:/\n\napp:x:1000:100::/home/app:/bin/sh\n'), [
    { name: 'root', uid: 0, gid: 0, home: '/root' },
    { name: 'app', uid: 1000, gid: 100, home: '/home/app' },
  ]);
  assert.deepEqual(parseGroup('users:x:100:\ndocker:x:999:app, www\n'), [
    { name: 'users', gid: 100, members: [] },
    { name: 'docker', gid: 999, members: ['app', 'www'] },
  ]);
});

test('look-ups: the first entry of a name or id wins; memberships by name', () => {
  const db = userDbFromText('a:x:5:5::/a:/\nb:x:5:6::/b:/\n', 'g:x:7:a\nh:x:8:b,a\n');
  assert.equal(db.userById(5)?.name, 'a');
  assert.equal(db.userByName('b')?.home, '/b');
  assert.equal(db.userByName('c'), undefined);
  assert.equal(db.groupByName('h')?.gid, 8);
  assert.equal(db.groupById(7)?.name, 'g');
  assert.deepEqual(db.memberOf('a'), [7, 8]);
  assert.deepEqual(db.memberOf('b'), [8]);
});
