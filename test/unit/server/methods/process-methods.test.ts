// The process methods against the fake port: process info, startProcess (§6.4), stdin.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { processMethods } from '../../../../src/server/methods/process-methods';
import type { XmlRpcValue } from '../../../../src/protocol/xmlrpc';
import { FakePort } from '../fake-port';
import { faultOf } from '../fault-of';
import { ok, stateOf, disposePorts, setup as setupWith, T } from './helpers';

afterEach(disposePorts);

const setup = (port?: FakePort): ReturnType<typeof setupWith> => setupWith(processMethods, port);

describe('process methods: info', () => {
  it('getProcessInfo resolves names as §6.3 says', T, async () => {
    const { call } = setup();
    const info = (await call('supervisor.getProcessInfo', 'grp:running')) as Record<string, XmlRpcValue>;
    assert.deepEqual(Object.keys(info), ['name', 'group', 'start', 'stop', 'now', 'state', 'statename', 'spawnerr', 'exitstatus', 'logfile', 'stdout_logfile', 'stderr_logfile', 'pid', 'description']);
    assert.equal(info.pid, 5975);
    assert.equal(((await call('supervisor.getProcessInfo', 'notfound')) as Record<string, XmlRpcValue>).statename, 'FATAL');
    assert.equal(await faultOf(call('supervisor.getProcessInfo', 'running')), '10 BAD_NAME: running');
    assert.equal(await faultOf(call('supervisor.getProcessInfo', 'grp:*')), '10 BAD_NAME: grp:*');
    assert.equal(await faultOf(call('supervisor.getProcessInfo', 'grp:')), '10 BAD_NAME: grp:');
    assert.equal(await faultOf(call('supervisor.getProcessInfo', 'nosuch')), '10 BAD_NAME: nosuch');
    assert.equal(await faultOf(call('supervisor.getProcessInfo', 'grp:nosuch')), '10 BAD_NAME: grp:nosuch');
  });

  it('getAllProcessInfo is sorted by group name, then process name', T, async () => {
    const { call } = setup();
    const all = (await call('supervisor.getAllProcessInfo')) as Record<string, XmlRpcValue>[];
    assert.deepEqual(all.map((i) => `${i.group}:${i.name}`), [
      'backoff:backoff', 'exits:exits', 'fatal:fatal', 'grp:running', 'grp:stopped', 'notfound:notfound', 'web:web_00', 'web:web_01',
    ]);
  });
});

describe('process methods: startProcess (§6.4)', () => {
  it('waits for RUNNING, driven by state changes', T, async () => {
    const { port, call } = setup();
    const p = call('supervisor.startProcess', 'grp:stopped');
    assert.equal(stateOf(port, 'grp', 'stopped'), 'STARTING');
    assert.equal(await p, true);
    assert.equal(stateOf(port, 'grp', 'stopped'), 'RUNNING');
    assert.equal(port.listenerCount(), 0);
  });

  it('wait=false answers at once', T, async () => {
    const { port, call } = setup();
    assert.equal(await call('supervisor.startProcess', 'grp:stopped', false), true);
    assert.equal(stateOf(port, 'grp', 'stopped'), 'STARTING');
    assert.equal(port.listenerCount(), 0);
  });

  it('ALREADY_STARTED, NO_FILE, NOT_EXECUTABLE, FAILED for UNKNOWN', T, async () => {
    const port = new FakePort([
      { name: 'g', processes: [
        { name: 'up', state: 'RUNNING' }, { name: 'bo', state: 'BACKOFF' }, { name: 'st', state: 'STARTING' },
        { name: 'nx', check: { ok: false, fault: 'NOT_EXECUTABLE', text: "command at '/etc' is a directory" } },
        { name: 'nf', check: { ok: false, fault: 'NO_FILE', text: "can't find command '/no/such/binary'" } },
        { name: 'unk', state: 'UNKNOWN' },
      ] },
    ]);
    const { call } = setup(port);
    assert.equal(await faultOf(call('supervisor.startProcess', 'g:up')), '60 ALREADY_STARTED: g:up');
    assert.equal(await faultOf(call('supervisor.startProcess', 'g:bo')), '60 ALREADY_STARTED: g:bo');
    assert.equal(await faultOf(call('supervisor.startProcess', 'g:st')), '60 ALREADY_STARTED: g:st');
    assert.equal(await faultOf(call('supervisor.startProcess', 'g:nx')), "21 NOT_EXECUTABLE: command at '/etc' is a directory");
    assert.equal(await faultOf(call('supervisor.startProcess', 'g:nf')), "20 NO_FILE: can't find command '/no/such/binary'");
    assert.equal(await faultOf(call('supervisor.startProcess', 'g:unk')), '30 FAILED: g:unk is in an unknown process state');
    assert.deepEqual(port.calls, []);
  });

  it('SPAWN_ERROR when the spawn fails at once (with or without wait)', T, async () => {
    const port = new FakePort([{ name: 'bad', processes: [{ name: 'bad', onStart: 'spawn-fails' }] }]);
    const { call } = setup(port);
    assert.equal(await faultOf(call('supervisor.startProcess', 'bad', false)), '50 SPAWN_ERROR: bad');
    port.set('bad', 'bad', 'FATAL');
    assert.equal(await faultOf(call('supervisor.startProcess', 'bad')), '50 SPAWN_ERROR: bad');
  });

  it('SPAWN_ERROR when it exits too quickly while waited for; an old spawnerr does not count', T, async () => {
    const { port, call } = setup();
    // fatal has an old spawnerr; the new start clears it, then fails again
    assert.equal(await faultOf(call('supervisor.startProcess', 'fatal')), '50 SPAWN_ERROR: fatal');
    assert.equal(stateOf(port, 'fatal', 'fatal'), 'BACKOFF');
    assert.equal(port.listenerCount(), 0);
  });

  it('ABNORMAL_TERMINATION when it leaves STARTING without a spawnerr', T, async () => {
    const port = new FakePort([{ name: 'm', processes: [{ name: 'm', onStart: 'manual' }] }]);
    const { call } = setup(port);
    const p = call('supervisor.startProcess', 'm');
    port.set('m', 'm', 'STOPPING');
    assert.equal(await faultOf(p), '40 ABNORMAL_TERMINATION: m');
  });

  it('waits for a start that the supervisor applies a moment later', T, async () => {
    const port = new FakePort([{ name: 'm', processes: [{ name: 'm', state: 'FATAL', spawnerr: 'old', onStart: 'manual' }] }]);
    const realStart = port.start.bind(port);
    port.start = (g, n) => void setTimeout(() => realStart(g, n), 5);
    const { call } = setup(port);
    const p = call('supervisor.startProcess', 'm');
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(stateOf(port, 'm', 'm'), 'STARTING');
    port.set('m', 'm', 'RUNNING');
    assert.equal(await p, true);
  });

  it('a whole group by group:* returns the result array', T, async () => {
    const { call } = setup();
    assert.deepEqual(await call('supervisor.startProcess', 'grp:*'), [ok('stopped', 'grp')]);
    assert.deepEqual(await call('supervisor.startProcess', 'grp:'), []);
    assert.equal(await faultOf(call('supervisor.startProcess', 'nog:*')), '10 BAD_NAME: nog:*');
  });

  it('stops waiting when the client goes away', T, async () => {
    const port = new FakePort([{ name: 'm', processes: [{ name: 'm', onStart: 'manual' }] }]);
    const { d } = setup(port);
    const ac = new AbortController();
    const p = d.call('supervisor.startProcess', ['m'], { signal: ac.signal });
    assert.equal(port.listenerCount(), 1);
    ac.abort();
    await assert.rejects(p, (e: Error) => e.name === 'AbortedError');
    assert.equal(port.listenerCount(), 0);
  });
});

describe('process methods: stdin and events', () => {
  it('sendProcessStdin writes to a running process; NOT_RUNNING otherwise; sendRemoteCommEvent accepted', T, async () => {
    const { port, call } = setup();
    assert.equal(await call('supervisor.sendProcessStdin', 'grp:running', 'hello\n'), true);
    assert.deepEqual(port.stdinWrites, ['running:hello\n']);
    assert.equal(await faultOf(call('supervisor.sendProcessStdin', 'grp:stopped', 'x')), '70 NOT_RUNNING: stopped');
    assert.equal(await faultOf(call('supervisor.sendProcessStdin', 'grp:running', 5)), '2 INCORRECT_PARAMETERS: 5');
    assert.equal(await call('supervisor.sendRemoteCommEvent', 'type', 'data'), true);
  });
});
