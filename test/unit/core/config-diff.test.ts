import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffGroups } from '../../../src/core/config-diff';
import { group, proc, single } from './config-factory';

test('added, changed and removed groups by name, priority and process fields', () => {
  const before = [single(proc('a')), single(proc('b')), single(proc('c')), group('g', 5, [proc('x'), proc('y')])];
  const after = [
    single(proc('a', { where: { file: '/elsewhere.conf', line: 99 } })), // only moved: unchanged
    single(proc('b', { command: '/bin/b --new' })),
    group('g', 6, [proc('x'), proc('y')]),
    single(proc('d')),
  ];
  assert.deepEqual(diffGroups(before, after), { added: ['d'], changed: ['b', 'g'], removed: ['c'] });
  assert.deepEqual(diffGroups(before, before), { added: [], changed: [], removed: [] });
});

test('a group whose process list changed is changed; AUTO log files compare equal to anything', () => {
  const before = [group('g', 5, [proc('x')])];
  assert.deepEqual(diffGroups(before, [group('g', 5, [proc('x'), proc('y')])]).changed, ['g']);
  const stream = (logfile: { kind: 'auto' } | { kind: 'path'; path: string }) => ({
    logfile, logfile_maxbytes: 1, logfile_backups: 1, capture_maxbytes: 0, events_enabled: false, syslog: false,
  });
  const auto = [single(proc('w', { stdout: stream({ kind: 'auto' }) }))];
  const file = [single(proc('w', { stdout: stream({ kind: 'path', path: '/x.log' }) }))];
  const other = [single(proc('w', { stdout: stream({ kind: 'path', path: '/y.log' }) }))];
  assert.deepEqual(diffGroups(auto, file).changed, []);
  assert.deepEqual(diffGroups(file, other).changed, ['w']);
});
