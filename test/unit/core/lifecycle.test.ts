// Log texts (spec §5.2), stopping (spec §3.6) and the autorestart rules, through the pure core.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProcessConfig } from '../../../src/config/types';
import { proc } from './config-factory';
import { CoreSim } from './core-sim';

function running(over: Partial<ProcessConfig> = {}): CoreSim {
  const sim = new CoreSim(proc('web', over));
  sim.send({ type: 'start' });
  sim.advanceTo(over.startsecs === 0 ? 0 : (over.startsecs ?? 1) * 1000);
  assert.equal(sim.record.state, 'RUNNING');
  return sim;
}

test('spawned and success lines; startsecs=0 is RUNNING at once', () => {
  const sim = running();
  assert.deepEqual(sim.logs, [
    "INFO spawned: 'web' with pid 100",
    'INFO success: web entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)',
  ]);
  const zero = running({ startsecs: 0 });
  assert.equal(zero.logs[1], 'INFO success: web entered RUNNING state, process has stayed up for > than 0 seconds (startsecs)');
  assert.equal(zero.timers.size, 0);
});

test('exit while RUNNING: expected iff code in exitcodes; signal deaths never', () => {
  const cases: [Partial<ProcessConfig>, number | null, number | null, string, string][] = [
    [{}, 0, null, 'INFO exited: web (exit status 0; expected)', 'EXITED'],
    [{}, 1, null, 'WARN exited: web (exit status 1; not expected)', 'STARTING'],
    [{ exitcodes: [0, 2] }, 2, null, 'INFO exited: web (exit status 2; expected)', 'EXITED'],
    [{ exitcodes: [0, -1] }, null, 9, 'WARN exited: web (terminated by SIGKILL; not expected)', 'STARTING'],
    [{ autorestart: 'true' }, 0, null, 'INFO exited: web (exit status 0; expected)', 'STARTING'],
    [{ autorestart: 'false' }, 1, null, 'WARN exited: web (exit status 1; not expected)', 'EXITED'],
  ];
  for (const [over, code, signal, line, state] of cases) {
    const sim = running(over);
    sim.advanceTo(5000);
    sim.exit(code, signal);
    assert.equal(sim.logs[2], line);
    assert.equal(sim.record.state, state, line);
  }
});

test('unexpected exit sets spawnerr "Bad exit code", signal death exitstatus -1', () => {
  const sim = running({ autorestart: 'false' });
  sim.exit(3);
  assert.equal(sim.record.spawnerr, 'Bad exit code 3');
  assert.equal(sim.record.exitstatus, 3);
  const killed = running({ autorestart: 'false' });
  killed.exit(null, 15);
  assert.equal(killed.record.exitstatus, -1);
  assert.equal(killed.record.spawnerr, 'Bad exit code -1');
});

test('stop: stopsignal, then SIGKILL after stopwaitsecs, re-armed; stopped: line', () => {
  const sim = running({ stopsignal: 'INT', stopwaitsecs: 5 });
  sim.send({ type: 'stop' });
  assert.equal(sim.record.state, 'STOPPING');
  assert.deepEqual(sim.kills, [{ pid: 100, signal: 2, toGroup: false, at: 1000 }]);
  sim.advanceTo(16_000);
  assert.deepEqual(sim.kills.map((k) => [k.signal, k.at]), [[2, 1000], [9, 6000], [9, 11_000], [9, 16_000]]);
  assert.equal(sim.logs.filter((l) => l === "WARN killing 'web' (100) with SIGKILL").length, 3);
  sim.exit(null, 9);
  assert.equal(sim.record.state, 'STOPPED');
  assert.equal(sim.logs.at(-1), 'WARN stopped: web (terminated by SIGKILL)');
  assert.equal(sim.timers.size, 0);
});

test('stopped: INFO when the exit code is in exitcodes, WARN otherwise', () => {
  const ok = running();
  ok.send({ type: 'stop' });
  ok.exit(0);
  assert.equal(ok.logs.at(-1), 'INFO stopped: web (exit status 0)');
  const term = running();
  term.send({ type: 'stop' });
  term.exit(null, 15);
  assert.equal(term.logs.at(-1), 'WARN stopped: web (terminated by SIGTERM)');
});

test('stopasgroup signals -pid; killasgroup SIGKILLs -pid', () => {
  const sim = running({ stopasgroup: true, killasgroup: true, stopwaitsecs: 1 });
  sim.send({ type: 'stop' });
  sim.advanceTo(sim.now + 1000);
  assert.deepEqual(sim.kills.map((k) => [k.signal, k.toGroup]), [[15, true], [9, true]]);
});

test('stop while STARTING cancels the startsecs timer', () => {
  const sim = new CoreSim(proc('web'));
  sim.send({ type: 'start' });
  sim.send({ type: 'stop' });
  assert.deepEqual([...sim.timers.keys()], ['stopwait']);
  sim.exit(null, 15);
  assert.equal(sim.record.state, 'STOPPED');
});

test('a failed kill (not ESRCH) moves to UNKNOWN with a CRIT line', () => {
  const sim = running();
  sim.send({ type: 'stop' });
  sim.send({ type: 'signalError', signal: 15, error: 'EPERM', source: 'kill' });
  assert.equal(sim.record.state, 'UNKNOWN');
  assert.equal(sim.logs.at(-1), 'CRIT unknown problem killing web (100):EPERM');
  assert.equal(sim.timers.size, 0);
  sim.exit(0);
  assert.equal(sim.record.state, 'UNKNOWN');
  assert.equal(sim.record.pid, 0);
});
