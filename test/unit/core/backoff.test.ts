// Start retries and backoff arithmetic (spec §3.3) on a virtual clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { proc } from './config-factory';
import { CoreSim } from './core-sim';

/** every try exits 100 ms after its spawn */
function crashLoop(sim: CoreSim, until: number): void {
  sim.send({ type: 'start' });
  while (sim.now < until && sim.record.state !== 'FATAL') {
    if (sim.record.state === 'STARTING') {
      sim.advanceTo(sim.now + 100);
      sim.exit(1);
    } else sim.advanceTo(sim.now + 100);
  }
}

test('startretries=3: tries at t, t+1, t+3, t+6 (+ the time each try lived), then FATAL', () => {
  const sim = new CoreSim(proc('x'));
  crashLoop(sim, 60_000);
  assert.deepEqual(sim.spawnTimes, [0, 1100, 3200, 6300]);
  assert.equal(sim.record.state, 'FATAL');
  assert.equal(sim.record.backoff, 0);
  assert.deepEqual(sim.states, [
    'STARTING', 'BACKOFF', 'STARTING', 'BACKOFF', 'STARTING', 'BACKOFF', 'STARTING', 'BACKOFF', 'FATAL',
  ]);
  assert.equal(sim.logs.filter((l) => l === 'WARN exited: x (exit status 1; not expected)').length, 4);
  assert.equal(sim.logs.at(-1), 'INFO gave up: x entered FATAL state, too many start retries too quickly');
  assert.equal(sim.record.spawnerr, 'Exited too quickly (process log may have details)');
});

test('startretries=0: one try, then FATAL', () => {
  const sim = new CoreSim(proc('x', { startretries: 0 }));
  crashLoop(sim, 60_000);
  assert.deepEqual(sim.spawnTimes, [0]);
  assert.equal(sim.record.state, 'FATAL');
});

test('spawn errors count as tries: BACKOFF 1 s, 2 s, 3 s, then FATAL', () => {
  const sim = new CoreSim(proc('x'));
  sim.spawnResult = "can't find command '/bin/x'";
  sim.send({ type: 'start' });
  sim.advanceTo(60_000);
  assert.deepEqual(sim.spawnTimes, [0, 1000, 3000, 6000]);
  assert.equal(sim.record.state, 'FATAL');
  assert.equal(sim.logs.filter((l) => l === "INFO spawnerr: can't find command '/bin/x'").length, 4);
  assert.equal(sim.record.spawnerr, "can't find command '/bin/x'");
});

test('reaching RUNNING resets the count; a crash after RUNNING restarts at once, with no limit', () => {
  const sim = new CoreSim(proc('x'));
  sim.send({ type: 'start' });
  sim.advanceTo(100);
  sim.exit(1); // too quick: backoff 1
  assert.equal(sim.record.backoff, 1);
  sim.advanceTo(1100); // retry
  sim.advanceTo(2100); // startsecs elapsed
  assert.equal(sim.record.state, 'RUNNING');
  assert.equal(sim.record.backoff, 0);
  for (let i = 0; i < 20; i++) {
    sim.advanceTo(sim.now + 1500);
    sim.exit(1);
    assert.equal(sim.record.state, 'STARTING', `crash ${i} restarts at once`);
    assert.equal(sim.spawnTimes.at(-1), sim.now);
  }
});

test('stopping a BACKOFF process does not reset the count (quirk)', () => {
  const sim = new CoreSim(proc('x'));
  sim.send({ type: 'start' });
  sim.advanceTo(100);
  sim.exit(1);
  sim.send({ type: 'stop' });
  assert.equal(sim.record.state, 'STOPPED');
  assert.equal(sim.record.backoff, 1);
  assert.equal(sim.timers.size, 0);
});

test('no retry while the supervisor is shutting down', () => {
  const sim = new CoreSim(proc('x'));
  sim.send({ type: 'start' });
  sim.advanceTo(100);
  sim.exit(1);
  sim.mood = 'SHUTDOWN';
  sim.advanceTo(10_000);
  assert.equal(sim.record.state, 'BACKOFF');
  assert.deepEqual(sim.spawnTimes, [0]);
  sim.send({ type: 'giveUp' });
  assert.equal(sim.record.state, 'FATAL');
  assert.ok(!sim.logs.some((l) => l.includes('gave up')), 'giving up in shutdown is not "too many retries"');
});

/** start, then each try exits `livesMs` after its spawn, until `until` (virtual ms) */
function exitLoop(sim: CoreSim, livesMs: number, until: number): void {
  sim.send({ type: 'start' });
  while (sim.now < until && sim.record.state !== 'FATAL') {
    const state = sim.record.state;
    if (state === 'STARTING' || state === 'RUNNING') {
      sim.advanceTo(sim.now + livesMs);
      sim.exit(1);
    } else sim.advanceTo(Math.min(until, [...sim.timers.values()].reduce((a, b) => Math.min(a, b), until)));
  }
}

const gaps = (times: readonly number[]): number[] => times.slice(1).map((t, i) => t - (times[i] as number));

test('the restart floor: startsecs=0 exiting at once is spawned once a second, shown EXITED in between', () => {
  const sim = new CoreSim(proc('x', { startsecs: 0, autorestart: 'true' }));
  exitLoop(sim, 10, 10_000);
  assert.deepEqual(sim.spawnTimes, [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);
  assert.deepEqual(sim.states.slice(0, 5), ['STARTING', 'RUNNING', 'EXITED', 'STARTING', 'RUNNING']);
  sim.advanceTo(10_250);
  sim.exit(1);
  assert.deepEqual([sim.record.state, sim.record.retryAt], ['EXITED', 11_000]);
});

test('a program that ran a second or more is restarted at once, with or without the floor', () => {
  const sim = new CoreSim(proc('x', { startsecs: 0, autorestart: 'true' }));
  exitLoop(sim, 1000, 5000);
  assert.deepEqual(sim.spawnTimes, [0, 1000, 2000, 3000, 4000, 5000]);
});

test('backoff=exponential: waits 1, 2, 4, then backoff_max, then FATAL', () => {
  const sim = new CoreSim(proc('x', { startretries: 5, backoff: 'exponential', backoff_max: 5 }));
  exitLoop(sim, 100, 120_000);
  assert.deepEqual(gaps(sim.spawnTimes), [1100, 2100, 4100, 5100, 5100]);
  assert.equal(sim.record.state, 'FATAL');
});

test('startretries=infinite never gives up; linear waits stop growing at backoff_max', () => {
  const sim = new CoreSim(proc('x', { startretries: Infinity, backoff_max: 4 }));
  exitLoop(sim, 100, 600_000);
  assert.equal(sim.record.state === 'FATAL', false);
  assert.ok(sim.spawnTimes.length > 100, `${sim.spawnTimes.length} tries`);
  assert.deepEqual(gaps(sim.spawnTimes).slice(0, 6), [1100, 2100, 3100, 4100, 4100, 4100]);
  assert.ok(!sim.logs.some((l) => l.includes('gave up')));
});

test('restart_backoff=exponential: crashes after RUNNING wait 1, 2, 4 … s up to backoff_max; a long run starts the row again', () => {
  const sim = new CoreSim(proc('x', { autorestart: 'true', restart_backoff: 'exponential', backoff_max: 8 }));
  exitLoop(sim, 2000, 60_000); // each run passes startsecs=1, then crashes
  const waits = gaps(sim.spawnTimes).map((g) => g - 2000);
  assert.deepEqual(waits.slice(0, 6), [1000, 2000, 4000, 8000, 8000, 8000]);
  assert.ok(sim.logs.includes('INFO restarting x in 4 s (restart 3 in a row)'));
  assert.deepEqual(sim.states.slice(0, 5), ['STARTING', 'RUNNING', 'EXITED', 'STARTING', 'RUNNING']);
  const long = new CoreSim(proc('x', { autorestart: 'true', restart_backoff: 'linear', backoff_max: 8 }));
  exitLoop(long, 2000, 10_000); // spawns at 0, 3000, 7000; the third run crashes at 9000
  assert.deepEqual([long.spawnTimes, long.record.state, long.record.restarts], [[0, 3000, 7000], 'EXITED', 3]);
  long.advanceTo(12_000); // restart 3 waited 3 s
  long.advanceTo(20_000); // this run lasts backoff_max (8 s)
  long.exit(1);
  assert.deepEqual([long.record.restarts, long.timers.get('restart')], [1, 21_000]);
});

test('restart_backoff=linear with the default cap: 1, 2, 3 … s', () => {
  const sim = new CoreSim(proc('x', { autorestart: 'unexpected', restart_backoff: 'linear', backoff_max: 60 }));
  exitLoop(sim, 1500, 30_000);
  assert.deepEqual(gaps(sim.spawnTimes).map((g) => g - 1500).slice(0, 4), [1000, 2000, 3000, 4000]);
});

test('a stop while waiting to restart calls the restart off (EXITED -> STOPPED)', () => {
  const sim = new CoreSim(proc('x', { autorestart: 'true', restart_backoff: 'linear', backoff_max: 60 }));
  exitLoop(sim, 2000, 2000);
  assert.equal(sim.record.state, 'EXITED');
  sim.send({ type: 'stop' });
  assert.deepEqual([sim.record.state, sim.record.retryAt, sim.timers.size], ['STOPPED', 0, 0]);
  sim.advanceTo(60_000);
  assert.equal(sim.spawnTimes.length, 1);
});

test('no restart while the supervisor is shutting down; the pending one is dropped when due', () => {
  const sim = new CoreSim(proc('x', { startsecs: 0, autorestart: 'true' }));
  exitLoop(sim, 10, 10);
  assert.equal(sim.record.state, 'EXITED');
  sim.mood = 'SHUTDOWN';
  sim.advanceTo(5000);
  assert.deepEqual([sim.record.state, sim.record.retryAt, sim.spawnTimes.length], ['EXITED', 0, 1]);
});

test('a start request while waiting starts now and begins a new row of restarts', () => {
  const sim = new CoreSim(proc('x', { autorestart: 'true', restart_backoff: 'exponential', backoff_max: 60 }));
  exitLoop(sim, 2000, 20_000);
  assert.ok(sim.record.restarts > 2);
  const before = sim.spawnTimes.length;
  if (sim.record.state !== 'EXITED') sim.exit(1);
  sim.send({ type: 'start' });
  assert.deepEqual([sim.record.state, sim.record.restarts, sim.timers.has('restart')], ['STARTING', 0, false]);
  assert.equal(sim.spawnTimes.length, before + 1);
});
