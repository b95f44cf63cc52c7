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
