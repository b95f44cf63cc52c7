// The runtime Supervisor with fake spawner/reaper/log/kill and mocked timers: no processes,
// no sleeps.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import type { StateChange } from '../../../../src/core/port';
import { proc, single } from '../../core/config-factory';
import { createDispatcher } from '../../../../src/server/methods/dispatcher';
import { processMethods } from '../../../../src/server/methods/process-methods';
import { makeSupervisor } from './fakes';

beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: 1_000_000 }));
afterEach(() => mock.timers.reset());

const tick = (ms: number): void => mock.timers.tick(ms);

test('autostart spawns in start order; startsecs timer makes it RUNNING', () => {
  const h = makeSupervisor([
    single(proc('b', { priority: 2 })),
    single(proc('a', { priority: 1 })),
    single(proc('off', { autostart: false })),
  ]);
  h.sup.run();
  assert.deepEqual(h.spawner.spawned.map((s) => s.name), ['a', 'b']);
  assert.deepEqual(h.output.startedNames, ['a', 'b']);
  tick(999);
  assert.equal(h.sup.groups()[0]?.processes[0]?.state, 'STARTING');
  tick(1);
  assert.equal(h.sup.groups()[0]?.processes[0]?.state, 'RUNNING');
  assert.ok(h.log.has('INFO success: a entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)'));
  assert.equal(h.sup.groups()[2]?.processes[0]?.state, 'STOPPED');
});

test('early exits back off 1 s, 2 s, 3 s, then FATAL', () => {
  const h = makeSupervisor([single(proc('x'))]);
  h.sup.run();
  for (let i = 0; i < 4; i++) {
    tick(100);
    h.reaper.exit(h.spawner.pidOf('x'), 1);
    tick(i + 1 < 4 ? (i + 1) * 1000 : 10_000);
  }
  const offsets = h.spawner.spawned.map((s) => s.at - 1_000_000);
  assert.deepEqual(offsets, [0, 1100, 3200, 6300]);
  assert.equal(h.sup.groups()[0]?.processes[0]?.state, 'FATAL');
  assert.equal(h.log.lines.at(-1), 'INFO gave up: x entered FATAL state, too many start retries too quickly');
});

test('a crash after RUNNING restarts at once; autorestart=unexpected keeps an expected exit down', () => {
  const h = makeSupervisor([single(proc('x', { exitcodes: [0, 3] }))]);
  h.sup.run();
  tick(1000);
  h.reaper.exit(h.spawner.pidOf('x'), 1);
  assert.equal(h.spawner.spawned.length, 2, 'restarted in the same turn');
  tick(1000);
  h.reaper.exit(h.spawner.pidOf('x'), 3);
  assert.equal(h.sup.groups()[0]?.processes[0]?.state, 'EXITED');
  assert.ok(h.log.has('INFO exited: x (exit status 3; expected)'));
  tick(60_000);
  assert.equal(h.spawner.spawned.length, 2);
});

test('stop: SIGTERM, SIGKILL after stopwaitsecs, STOPPED on reap', () => {
  const h = makeSupervisor([single(proc('x', { stopwaitsecs: 2 }))]);
  h.sup.run();
  tick(1000);
  const pid = h.spawner.pidOf('x');
  h.sup.stop('x', 'x');
  assert.deepEqual(h.kills, [[pid, 15]]);
  tick(2000);
  assert.deepEqual(h.kills, [[pid, 15], [pid, 9]]);
  assert.ok(h.log.has(`WARN killing 'x' (${pid}) with SIGKILL`));
  h.reaper.exit(pid, null, 9);
  assert.equal(h.sup.groups()[0]?.processes[0]?.state, 'STOPPED');
  assert.ok(h.log.has('WARN stopped: x (terminated by SIGKILL)'));
});

test('a kill error other than ESRCH moves the process to UNKNOWN', () => {
  const h = makeSupervisor([single(proc('x'))]);
  h.sup.run();
  h.failKills.add(15);
  h.sup.stop('x', 'x');
  assert.equal(h.sup.groups()[0]?.processes[0]?.state, 'UNKNOWN');
  assert.ok(h.log.lines.some((l) => l.startsWith('CRIT unknown problem killing x (100):')));
});

test('exits of unknown pids are logged', () => {
  const h = makeSupervisor([]);
  h.sup.run();
  h.reaper.exit(4242, 0);
  h.reaper.exit(4243, null, 9);
  assert.deepEqual(h.log.lines, ['INFO reaped unknown pid 4242 (exit status 0)', 'INFO reaped unknown pid 4243 (terminated by SIGKILL)']);
});

test('onChange streams every transition with group, name and tries', () => {
  const h = makeSupervisor([single(proc('x', { startsecs: 0 }))]);
  const seen: StateChange[] = [];
  const off = h.sup.onChange((c) => seen.push(c));
  h.sup.run();
  off();
  h.sup.stop('x', 'x');
  assert.deepEqual(seen.map((c) => [c.group, c.name, c.from, c.to, c.tries]), [
    ['x', 'x', 'STOPPED', 'STARTING', 1], ['x', 'x', 'STARTING', 'RUNNING', 0],
  ]);
  assert.equal(seen[1]?.pid, 100);
  assert.equal(seen[1]?.at, 1_000_000);
});

test('signal(): sends to the pid, also with stopasgroup (as supervisord); refuses when not running', () => {
  const h = makeSupervisor([single(proc('x')), single(proc('g', { stopasgroup: true, killasgroup: true }))]);
  assert.throws(() => h.sup.signal('x', 'x', 1), /NOT_RUNNING/);
  h.sup.run();
  h.sup.signal('x', 'x', 1);
  h.sup.signal('g', 'g', 10);
  assert.deepEqual(h.kills, [[h.spawner.pidOf('x'), 1], [h.spawner.pidOf('g'), 10]]);
  assert.throws(() => h.sup.start('nope', 'nope'), /BAD_NAME/);
});

test('process views: info() is computed now; stop time in local time', () => {
  const h = makeSupervisor([single(proc('x', { autorestart: 'false' }))]);
  h.sup.run();
  tick(5000);
  const view = h.sup.groups()[0]?.processes[0];
  assert.equal(view?.info().description, 'pid 100, uptime 0:00:05');
  assert.equal(view?.info().start, 1000);
  h.reaper.exit(100, null, 9);
  const info = view?.info();
  assert.equal(info?.statename, 'EXITED');
  assert.equal(info?.exitstatus, -1);
  assert.match(info?.description ?? '', /^[A-Z][a-z]{2} \d\d \d\d:\d\d [AP]M$/);
  assert.equal(h.sup.identification(), 'supervisor');
});

test('a startsecs=0 program that exits at once waits out the 1 s floor in EXITED; stopProcess calls the restart off', async () => {
  const h = makeSupervisor([single(proc('x', { startsecs: 0, autorestart: 'true' }))]);
  const view = () => h.sup.groups()[0]?.processes[0];
  h.sup.run();
  tick(200);
  h.reaper.exit(h.spawner.pidOf('x'), 1);
  assert.deepEqual([view()?.state, view()?.restartPending, h.spawner.spawned.length], ['EXITED', true, 1]);
  assert.match(view()?.info().description ?? '', /; next attempt in 1 s$/);
  tick(799);
  assert.equal(h.spawner.spawned.length, 1);
  tick(1);
  assert.deepEqual(h.spawner.spawned.map((s) => s.at - 1_000_000), [0, 1000]);
  tick(100);
  h.reaper.exit(h.spawner.pidOf('x'), 1);
  const d = createDispatcher(processMethods(h.sup));
  assert.equal(await d.call('supervisor.stopProcess', ['x']), true);
  assert.deepEqual([view()?.state, view()?.restartPending], ['STOPPED', false]);
  tick(10_000);
  assert.equal(h.spawner.spawned.length, 2);
});
