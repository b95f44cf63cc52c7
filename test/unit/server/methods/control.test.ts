// start/stop/signal on one, a group or all (control.ts) through the process methods: stops,
// signals, result order, the waiting note.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { processMethods } from '../../../../src/server/methods/process-methods';
import type { XmlRpcValue } from '../../../../src/protocol/xmlrpc';
import { FakePort } from '../fake-port';
import { faultOf } from '../fault-of';
import { ok, stateOf, disposePorts, setup as setupWith, T } from './helpers';

afterEach(disposePorts);

const setup = (port?: FakePort): ReturnType<typeof setupWith> => setupWith(processMethods, port);

describe('control: stopProcess and signals', () => {
  it('waits for a stopped state; NOT_RUNNING when not running', T, async () => {
    const { port, call } = setup();
    const p = call('supervisor.stopProcess', 'grp:running');
    assert.equal(stateOf(port, 'grp', 'running'), 'STOPPING');
    assert.equal(await p, true);
    assert.equal(stateOf(port, 'grp', 'running'), 'STOPPED');
    assert.equal(await faultOf(call('supervisor.stopProcess', 'grp:running')), '70 NOT_RUNNING: grp:running');
    assert.equal(await faultOf(call('supervisor.stopProcess', 'exits')), '70 NOT_RUNNING: exits');
    assert.equal(await call('supervisor.stopProcess', 'backoff'), true);
    assert.equal(stateOf(port, 'backoff', 'backoff'), 'STOPPED');
    assert.equal(port.listenerCount(), 0);
  });

  it('wait=false answers while STOPPING; FAILED when the signal cannot be sent', T, async () => {
    const port = new FakePort([{ name: 'g', processes: [{ name: 'a', state: 'RUNNING' }, { name: 'b', state: 'RUNNING', onStop: 'throws' }, { name: 'c', state: 'STOPPING' }] }]);
    const { call } = setup(port);
    assert.equal(await call('supervisor.stopProcess', 'g:a', false), true);
    assert.equal(stateOf(port, 'g', 'a'), 'STOPPING');
    assert.equal(await faultOf(call('supervisor.stopProcess', 'g:b')), '30 FAILED: Failed to send SIGTERM to b: EPERM');
    assert.equal(await faultOf(call('supervisor.stopProcess', 'g:c')), '70 NOT_RUNNING: g:c');
  });

  it('signalProcess: names, numbers, BAD_SIGNAL, NOT_RUNNING, FAILED', T, async () => {
    const port = new FakePort([{ name: 'g', processes: [{ name: 'a', state: 'RUNNING' }, { name: 'b', state: 'STOPPED' }, { name: 'c', state: 'RUNNING', signalError: 'EPERM' }] }]);
    const { call } = setup(port);
    assert.equal(await call('supervisor.signalProcess', 'g:a', 'HUP'), true);
    assert.equal(await call('supervisor.signalProcess', 'g:a', 'sigusr1'), true);
    assert.equal(await call('supervisor.signalProcess', 'g:a', '15'), true);
    assert.equal(await call('supervisor.signalProcess', 'g:a', 9), true);
    assert.deepEqual(port.signals.map((s) => s.signo), [1, 10, 15, 9]);
    assert.equal(await faultOf(call('supervisor.signalProcess', 'g:a', 'BADSIG')), '11 BAD_SIGNAL: BADSIG');
    assert.equal(await faultOf(call('supervisor.signalProcess', 'g:b', 'HUP')), '70 NOT_RUNNING: g:b');
    assert.equal(await faultOf(call('supervisor.signalProcess', 'g:c', 'HUP')), '30 FAILED: EPERM');
    assert.equal(await faultOf(call('supervisor.signalProcess', 'g:zz', 'HUP')), '10 BAD_NAME: g:zz');
  });

  it('signal of a group: only signallable processes, BAD_SIGNAL per process', T, async () => {
    const { port, call } = setup();
    assert.deepEqual(await call('supervisor.signalProcess', 'grp:*', 'USR2'), [ok('running', 'grp')]);
    assert.deepEqual(await call('supervisor.signalProcessGroup', 'web', 'BADSIG'), [
      { name: 'web_00', group: 'web', status: 11, description: 'BAD_SIGNAL: BADSIG' },
      { name: 'web_01', group: 'web', status: 11, description: 'BAD_SIGNAL: BADSIG' },
    ]);
    assert.equal(await faultOf(call('supervisor.signalProcessGroup', 'web:*', 'HUP')), '10 BAD_NAME: web:*');
    assert.deepEqual(await call('supervisor.signalAllProcesses', 'HUP'), [ok('running', 'grp'), ok('web_00', 'web'), ok('web_01', 'web')]);
    assert.equal(port.signals.length, 4);
  });

  it('signalAllProcesses checks the mood only after sending (quirk)', T, async () => {
    const { port, call } = setup();
    port.mood = 'SHUTDOWN';
    assert.equal(await faultOf(call('supervisor.signalAllProcesses', 'HUP')), '6 SHUTDOWN_STATE');
    assert.equal(port.signals.length, 3);
  });
});

describe('control: group and all variants', () => {
  it('stopProcessGroup / startProcessGroup on web', T, async () => {
    const { call } = setup();
    assert.deepEqual(await call('supervisor.stopProcessGroup', 'web'), [ok('web_00', 'web'), ok('web_01', 'web')]);
    assert.deepEqual(await call('supervisor.stopProcessGroup', 'web'), []);
    assert.deepEqual(await call('supervisor.startProcessGroup', 'web'), [ok('web_00', 'web'), ok('web_01', 'web')]);
    assert.equal(await faultOf(call('supervisor.startProcessGroup', 'nog')), '10 BAD_NAME: nog');
    assert.equal(await faultOf(call('supervisor.stopProcessGroup', 'nog')), '10 BAD_NAME: nog');
  });

  it('results come in completion order, immediate failures first', T, async () => {
    const port = new FakePort([
      { name: 'g', processes: [
        { name: 'slow', onStart: 'manual' }, { name: 'broken', onStart: 'spawn-fails' }, { name: 'quick' },
        { name: 'missing', check: { ok: false, fault: 'NO_FILE', text: "can't find command 'x'" } }, { name: 'up', state: 'RUNNING' },
      ] },
    ]);
    const { call } = setup(port);
    const p = call('supervisor.startProcessGroup', 'g');
    await new Promise((r) => setTimeout(r, 40));
    port.set('g', 'slow', 'RUNNING');
    assert.deepEqual(await p, [
      { name: 'broken', group: 'g', status: 50, description: 'SPAWN_ERROR: g:broken' },
      { name: 'missing', group: 'g', status: 20, description: "NO_FILE: can't find command 'x'" },
      ok('quick', 'g'),
      ok('slow', 'g'),
    ]);
  });

  it('results completed in the same turn come in target order', T, async () => {
    const port = new FakePort([{ name: 'g', processes: [{ name: 'a', onStart: 'manual' }, { name: 'b', onStart: 'manual' }] }]);
    const { call } = setup(port);
    const p = call('supervisor.startProcessGroup', 'g');
    await new Promise((r) => setTimeout(r, 20));
    port.set('g', 'b', 'RUNNING');
    port.set('g', 'a', 'RUNNING');
    assert.deepEqual(await p, [ok('a', 'g'), ok('b', 'g')]);
  });

  it('a waited stop logs `waiting for x to stop` (supervisord\'s main-log line)', T, async () => {
    const port = new FakePort([{ name: 'x', processes: [{ name: 'x', state: 'RUNNING' }] }]);
    const { call } = setup(port);
    assert.equal(await call('supervisor.stopProcess', 'x'), true);
    assert.deepEqual(port.notes, ['waiting for x to stop']);
    assert.equal(await call('supervisor.startProcess', 'x', false), true);
    assert.equal(await call('supervisor.stopProcess', 'x', false), true);
    assert.deepEqual(port.notes, ['waiting for x to stop'], 'no line when the call does not wait');
  });

  it('startAllProcesses / stopAllProcesses act in priority order on candidates only', T, async () => {
    const { port, call } = setup();
    const started = (await call('supervisor.startAllProcesses', false)) as Record<string, XmlRpcValue>[];
    // grp has priority 5, the rest 999 sorted by name; running ones are not candidates
    assert.deepEqual(port.calls, ['start grp:stopped', 'start exits:exits', 'start fatal:fatal']);
    assert.deepEqual(started.map((r) => `${r.name} ${r.status}`), ['stopped 80', 'exits 80', 'fatal 80', 'notfound 20']);
    port.calls.length = 0;
    const stopped = (await call('supervisor.stopAllProcesses')) as Record<string, XmlRpcValue>[];
    assert.equal(stopped.length, 7);
    assert.ok(stopped.every((r) => r.status === 80));
    assert.deepEqual(port.calls.slice(0, 3), ['stop grp:running', 'stop grp:stopped', 'stop backoff:backoff']);
  });
});
