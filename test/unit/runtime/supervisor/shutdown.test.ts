// Shutdown and restart of the runtime Supervisor (spec §4.4, §4.5) with fakes and mocked timers.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { group, proc, single } from '../../core/config-factory';
import { makeSupervisor, type Harness } from './fakes';

beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: 1_000_000 }));
afterEach(() => mock.timers.reset());

const tick = (ms: number): void => mock.timers.tick(ms);

function isDone(h: Harness): () => boolean {
  let done = false;
  void h.sup.done.then(() => { done = true; });
  return () => done;
}

/** names, in order, of the processes sent their stopsignal */
function stopped(h: Harness): string[] {
  return h.kills.filter(([, sig]) => sig === 15).map(([pid]) => h.spawner.spawned.find((s) => s.pid === pid)?.name ?? '?');
}

test('SIGTERM stops group by group in descending priority, waiting for each group', async () => {
  const h = makeSupervisor([
    single(proc('db', { priority: 1 })),
    group('web', 500, [proc('w1', { priority: 1 }), proc('w2', { priority: 9 })]),
    single(proc('cache', { priority: 500 })),
  ]);
  const done = isDone(h);
  h.sup.run();
  tick(1000);
  const before = h.log.lines.length;
  h.sup.handleSignal('SIGTERM');
  assert.equal(h.log.lines[before], 'WARN received SIGTERM indicating exit request');
  assert.equal(h.sup.state(), 'SHUTDOWN');
  // 'web' and 'cache' tie at 500: reverse start order puts web first; w2 before w1
  assert.deepEqual(stopped(h), ['w2', 'w1']);
  assert.equal(h.log.lines.at(-1), 'INFO waiting for db, cache, w1, w2 to die');
  h.reaper.exit(h.spawner.pidOf('w2'), 0);
  assert.deepEqual(stopped(h), ['w2', 'w1']);
  h.reaper.exit(h.spawner.pidOf('w1'), null, 15);
  assert.deepEqual(stopped(h), ['w2', 'w1', 'cache']);
  h.reaper.exit(h.spawner.pidOf('cache'), null, 15);
  assert.deepEqual(stopped(h), ['w2', 'w1', 'cache', 'db']);
  await Promise.resolve();
  assert.equal(done(), false);
  h.reaper.exit(h.spawner.pidOf('db'), null, 15);
  await h.sup.done;
  assert.equal(h.reaper.stopped, true);
  assert.equal(h.sup.state(), 'SHUTDOWN', 'no reload');
});

test('while waiting: "waiting for ... to die" every 3 s; a slow group delays the next', () => {
  const h = makeSupervisor([single(proc('low', { priority: 1 })), single(proc('slow', { priority: 9, stopwaitsecs: 10 }))]);
  h.sup.run();
  h.sup.shutdown();
  const waiting = (): number => h.log.lines.filter((l) => l === 'INFO waiting for low, slow to die').length;
  assert.equal(waiting(), 1);
  tick(2999);
  assert.equal(waiting(), 1);
  tick(1);
  assert.equal(waiting(), 2);
  tick(6000);
  assert.equal(waiting(), 4);
  assert.deepEqual(stopped(h), ['slow'], 'low waits for slow');
  tick(1000); // stopwaitsecs=10 reached
  assert.ok(h.log.has(`WARN killing 'slow' (${h.spawner.pidOf('slow')}) with SIGKILL`));
  h.reaper.exit(h.spawner.pidOf('slow'), null, 9);
  assert.deepEqual(stopped(h), ['slow', 'low']);
});

test('shutdown: BACKOFF goes FATAL, no retries are spawned, nothing restarts', async () => {
  const h = makeSupervisor([single(proc('flaky')), single(proc('ok', { autorestart: 'true' }))]);
  h.sup.run();
  tick(100);
  h.reaper.exit(h.spawner.pidOf('flaky'), 1);
  h.sup.shutdown();
  const [flaky, ok] = h.sup.groups().map((g) => g.processes[0]);
  assert.equal(ok?.state, 'STOPPING', "'ok' is first: same priority, later in start order");
  tick(9_000); // flaky's retry time passes: no spawn
  assert.equal(flaky?.state, 'BACKOFF');
  h.reaper.exit(h.spawner.pidOf('ok'), 0);
  assert.equal(flaky?.state, 'FATAL');
  await h.sup.done;
  assert.equal(h.spawner.spawned.length, 2);
});

test('shutdown with nothing running resolves done at once', async () => {
  const h = makeSupervisor([single(proc('off', { autostart: false }))]);
  h.sup.run();
  h.sup.shutdown();
  await h.sup.done;
  assert.ok(!h.log.lines.some((l) => l.startsWith('INFO waiting')));
});

test('SIGHUP: same stop sequence, then done with state RESTARTING (boot reloads)', async () => {
  const h = makeSupervisor([single(proc('x'))]);
  h.sup.run();
  h.sup.handleSignal('SIGHUP');
  assert.ok(h.log.has('WARN received SIGHUP indicating restart request'));
  assert.equal(h.sup.state(), 'RESTARTING');
  h.reaper.exit(h.spawner.pidOf('x'), null, 15);
  await h.sup.done;
  assert.equal(h.sup.state(), 'RESTARTING');
});

test('SIGHUP during shutdown is ignored; SIGTERM during restart turns it into a shutdown', async () => {
  const a = makeSupervisor([single(proc('x'))]);
  a.sup.run();
  a.sup.handleSignal('SIGINT');
  a.sup.handleSignal('SIGHUP');
  assert.ok(a.log.has('WARN ignored SIGHUP indicating restart request (shutdown in progress)'));
  assert.equal(a.sup.state(), 'SHUTDOWN');

  const b = makeSupervisor([single(proc('x'))]);
  b.sup.run();
  b.sup.restart();
  b.sup.handleSignal('SIGQUIT');
  assert.ok(b.log.has('WARN received SIGQUIT indicating exit request'));
  b.reaper.exit(b.spawner.pidOf('x'), null, 15);
  await b.sup.done;
  assert.equal(b.sup.state(), 'SHUTDOWN', 'no reload');
});

test('SIGUSR2 is logged', () => {
  const h = makeSupervisor([]);
  h.sup.handleSignal('SIGUSR2');
  assert.deepEqual(h.log.lines, ['INFO received SIGUSR2 indicating log reopen request']);
});

test('shutdown_timeout: when it runs out every process left is stopped and SIGKILLed at once, and named', () => {
  const h = makeSupervisor([
    single(proc('front', { priority: 30 })),
    single(proc('stubborn', { priority: 20, stopwaitsecs: 60 })),
    single(proc('db', { priority: 10 })),
  ], { supervisord: { shutdown_timeout: 2 } });
  const done = isDone(h);
  h.sup.run();
  tick(1000);
  h.sup.handleSignal('SIGTERM');
  assert.equal(h.sup.shutdownDeadline(), 1_001_000 + 2000);
  h.reaper.exit(h.spawner.pidOf('front'), null, 15);
  assert.deepEqual(stopped(h), ['front', 'stubborn']);
  tick(1999);
  assert.equal(h.kills.filter(([, s]) => s === 9).length, 0);
  tick(1);
  assert.ok(h.log.has('WARN shutdown_timeout (2 s) ran out: killing stubborn (STOPPING), db (RUNNING)'), h.log.lines.join('\n'));
  assert.deepEqual(stopped(h), ['front', 'stubborn', 'db']);
  const killed = h.kills.filter(([, s]) => s === 9).map(([pid]) => pid);
  assert.deepEqual(killed, [h.spawner.pidOf('stubborn'), h.spawner.pidOf('db')]);
  h.reaper.exit(h.spawner.pidOf('stubborn'), null, 9);
  h.reaper.exit(h.spawner.pidOf('db'), null, 9);
  assert.ok(h.log.lines.some((l) => /^INFO stopped group front in \d+ ms$/.test(l)));
  assert.ok(h.log.has('INFO stopped group stubborn in 2000 ms'), h.log.lines.join('\n'));
  return Promise.resolve().then(() => assert.equal(done(), true));
});

test('shutdown_on: a program\'s unexpected exit shuts tend down without restarting it; exitCode is its code', () => {
  const h = makeSupervisor([single(proc('app', { startsecs: 0, autorestart: 'true', shutdown_on: 'unexpected' })), single(proc('other'))]);
  h.sup.run();
  tick(1000);
  h.reaper.exit(h.spawner.pidOf('app'), 42);
  assert.equal(h.sup.state(), 'SHUTDOWN');
  assert.equal(h.spawner.spawned.filter((s) => s.name === 'app').length, 1, 'not restarted');
  assert.ok(h.log.has('INFO shutting down: app exited (exit status 42; not expected) and its shutdown_on is unexpected; tend will exit with code 42'), h.log.lines.join('\n'));
  assert.equal(h.sup.exitCode(), 42);
  h.reaper.exit(h.spawner.pidOf('other'), null, 15);
  h.sup.handleSignal('SIGTERM');
  assert.equal(h.sup.exitCode(), 42, 'a later SIGTERM does not change it');
});
