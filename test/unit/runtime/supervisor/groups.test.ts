// Runtime group changes (spec §4.7): reloadConfig reads without applying, addProcessGroup puts
// a group in use and autostarts it, removeProcessGroup only once it is stopped.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import type { Config, LoadResult } from '../../../../src/config/types';
import { Refusal } from '../../../../src/common/errors';
import { config, proc, single } from '../../core/config-factory';
import { makeSupervisor } from './fakes';

beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: 1_000_000 }));
afterEach(() => mock.timers.reset());

function fault(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof Refusal) return `${err.fault}: ${err.detail}`;
    throw err;
  }
  return 'no fault';
}

test('reloadConfig diffs without applying; errors change nothing; add and remove apply', () => {
  let next: LoadResult = { ok: false, errors: ['/etc/x.conf:3: bad'] };
  const h = makeSupervisor([single(proc('keep')), single(proc('gone'))], { reread: () => next });
  h.sup.run();
  mock.timers.tick(1000);
  assert.equal(fault(() => h.sup.reloadConfig()), 'CANT_REREAD: /etc/x.conf:3: bad');
  assert.deepEqual(h.sup.lastReadConfig().groups.map((g) => g.name).sort(), ['gone', 'keep']);

  const newConfig: Config = config([single(proc('keep')), single(proc('new', { priority: 5 }))]);
  next = { ok: true, config: newConfig };
  assert.deepEqual(h.sup.reloadConfig(), { added: ['new'], changed: [], removed: ['gone'] });
  assert.deepEqual(h.sup.groups().map((g) => g.name), ['gone', 'keep'], 'nothing applied yet');

  assert.equal(fault(() => h.sup.addProcessGroup('nosuch')), 'BAD_NAME: nosuch');
  assert.equal(fault(() => h.sup.addProcessGroup('keep')), 'ALREADY_ADDED: keep');
  h.sup.addProcessGroup('new');
  assert.deepEqual(h.sup.groups().map((g) => g.name), ['new', 'gone', 'keep'], 'in (priority, name) order');
  assert.equal(h.spawner.spawned.at(-1)?.name, 'new', 'autostarted');

  assert.equal(fault(() => h.sup.removeProcessGroup('gone')), 'STILL_RUNNING: gone');
  h.sup.stop('gone', 'gone');
  h.reaper.exit(h.spawner.pidOf('gone'), null, 15);
  assert.equal(h.sup.groups().find((g) => g.name === 'gone')?.processes[0]?.state, 'STOPPED');
  h.sup.removeProcessGroup('gone');
  assert.deepEqual(h.sup.groups().map((g) => g.name), ['new', 'keep']);
  assert.equal(fault(() => h.sup.removeProcessGroup('gone')), 'BAD_NAME: gone');
});

test('no group is added while shutting down', () => {
  const h = makeSupervisor([single(proc('a'))], { reread: () => ({ ok: true, config: config([single(proc('a')), single(proc('b'))]) }) });
  h.sup.run();
  h.sup.reloadConfig();
  h.sup.shutdown();
  assert.equal(fault(() => h.sup.addProcessGroup('b')), 'SHUTDOWN_STATE: b');
});
