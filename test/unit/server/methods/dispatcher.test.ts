import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createDispatcher, type Dispatcher } from '../../../../src/server/methods/dispatcher';
import type { XmlRpcValue } from '../../../../src/protocol/xmlrpc';
import { demoPort, FakePort } from '../fake-port';
import { faultOf } from '../fault-of';

const T = { timeout: 5000 };
let ports: FakePort[] = [];

function setup(port: FakePort = demoPort()): { port: FakePort; d: Dispatcher; call: (m: string, ...p: XmlRpcValue[]) => Promise<XmlRpcValue> } {
  ports.push(port);
  const d = createDispatcher(port);
  return { port, d, call: (m, ...p) => d.call(m, p) };
}

afterEach(() => {
  for (const p of ports) p.dispose();
  ports = [];
});


function stateOf(port: FakePort, group: string, name: string): string {
  return port.groups().find((g) => g.name === group)!.processes.find((p) => p.config.name === name)!.state;
}

const ok = (name: string, group: string) => ({ name, group, status: 80, description: 'OK' });

describe('handlers: simple supervisor.* methods', () => {
  it('versions, identification, state, pid', T, async () => {
    const { call } = setup();
    assert.equal(await call('supervisor.getAPIVersion'), '3.0');
    assert.equal(await call('supervisor.getVersion'), '3.0');
    assert.equal(await call('supervisor.getSupervisorVersion'), '4.2.5');
    assert.equal(await call('supervisor.getIdentification'), 'supervisor');
    assert.deepEqual(await call('supervisor.getState'), { statecode: 1, statename: 'RUNNING' });
    assert.equal(await call('supervisor.getPID'), 4242);
  });

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

describe('handlers: method lookup and arity', () => {
  it('UNKNOWN_METHOD for unknown, badly dotted and private names', T, async () => {
    const { call } = setup();
    for (const m of ['supervisor.nosuch', 'getPID', 'supervisor.getPID.x', 'supervisor._update', 'nosuch.getPID', 'supervisor.readLog.x', 'system.nosuch']) {
      assert.equal(await faultOf(call(m)), '1 UNKNOWN_METHOD', m);
    }
  });

  it('INCORRECT_PARAMETERS for wrong arity or a non-string name', T, async () => {
    const { call } = setup();
    assert.equal(await faultOf(call('supervisor.getPID', 1)), '2 INCORRECT_PARAMETERS');
    assert.equal(await faultOf(call('supervisor.startProcess')), '2 INCORRECT_PARAMETERS');
    assert.equal(await faultOf(call('supervisor.startProcess', 'a', true, 3)), '2 INCORRECT_PARAMETERS');
    assert.equal(await faultOf(call('supervisor.getProcessInfo', 5)), '2 INCORRECT_PARAMETERS');
    assert.equal(await faultOf(call('supervisor.signalProcess', 'grp:running')), '2 INCORRECT_PARAMETERS');
  });

  it('SHUTDOWN_STATE for every supervisor.* method while shutting down or restarting', T, async () => {
    for (const mood of ['SHUTDOWN', 'RESTARTING'] as const) {
      const { port, call } = setup();
      port.mood = mood;
      const calls: [string, XmlRpcValue[]][] = [
        ['getAPIVersion', []], ['getVersion', []], ['getSupervisorVersion', []], ['getIdentification', []], ['getState', []],
        ['getPID', []], ['shutdown', []], ['restart', []], ['getProcessInfo', ['grp:running']], ['getAllProcessInfo', []],
        ['startProcess', ['grp:stopped']], ['startProcessGroup', ['grp']], ['startAllProcesses', []], ['stopProcess', ['grp:running']],
        ['stopProcessGroup', ['grp']], ['stopAllProcesses', []], ['signalProcess', ['grp:running', 'HUP']], ['signalProcessGroup', ['grp', 'HUP']],
      ];
      for (const [m, p] of calls) assert.equal(await faultOf(call(`supervisor.${m}`, ...p)), '6 SHUTDOWN_STATE', m);
      assert.deepEqual(port.calls, []);
      assert.equal(port.signals.length, 0);
      assert.ok(Array.isArray(await call('system.listMethods')));
    }
  });

  it('signalAllProcesses checks the mood only after sending (quirk)', T, async () => {
    const { port, call } = setup();
    port.mood = 'SHUTDOWN';
    assert.equal(await faultOf(call('supervisor.signalAllProcesses', 'HUP')), '6 SHUTDOWN_STATE');
    assert.equal(port.signals.length, 3);
  });

  it('shutdown and restart ask the supervisor and answer true', T, async () => {
    const a = setup();
    assert.equal(await a.call('supervisor.shutdown'), true);
    assert.equal(a.port.shutdowns, 1);
    assert.equal(await faultOf(a.call('supervisor.shutdown')), '6 SHUTDOWN_STATE');
    const b = setup();
    assert.equal(await b.call('supervisor.restart'), true);
    assert.equal(b.port.restarts, 1);
  });
});

describe('handlers: startProcess (§6.4)', () => {
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

describe('handlers: stopProcess and signals', () => {
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
});

describe('handlers: group and all variants', () => {
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

describe('handlers: system.*', () => {
  it('listMethods lists exactly what is implemented', T, async () => {
    const { call } = setup();
    const all = await call('system.listMethods');
    assert.deepEqual(all, [
      'supervisor.addProcessGroup', 'supervisor.clearAllProcessLogs', 'supervisor.clearLog',
      'supervisor.clearProcessLog', 'supervisor.clearProcessLogs', 'supervisor.getAPIVersion',
      'supervisor.getAllConfigInfo', 'supervisor.getAllProcessInfo', 'supervisor.getIdentification',
      'supervisor.getPID', 'supervisor.getProcessInfo', 'supervisor.getState', 'supervisor.getSupervisorVersion',
      'supervisor.getVersion', 'supervisor.readLog', 'supervisor.readMainLog', 'supervisor.readProcessLog',
      'supervisor.readProcessStderrLog', 'supervisor.readProcessStdoutLog', 'supervisor.reloadConfig',
      'supervisor.removeProcessGroup', 'supervisor.restart', 'supervisor.sendProcessStdin',
      'supervisor.sendRemoteCommEvent', 'supervisor.shutdown', 'supervisor.signalAllProcesses',
      'supervisor.signalProcess', 'supervisor.signalProcessGroup', 'supervisor.startAllProcesses',
      'supervisor.startProcess', 'supervisor.startProcessGroup', 'supervisor.stopAllProcesses',
      'supervisor.stopProcess', 'supervisor.stopProcessGroup', 'supervisor.tailProcessLog',
      'supervisor.tailProcessStderrLog', 'supervisor.tailProcessStdoutLog', 'system.listMethods', 'system.methodHelp',
      'system.methodSignature', 'system.multicall',
    ]);
    assert.equal((all as unknown[]).length, 41, 'as many as supervisord 4.2.5 lists');
  });

  it('methodSignature and methodHelp', T, async () => {
    const { call } = setup();
    assert.deepEqual(await call('system.methodSignature', 'supervisor.startProcess'), ['boolean', 'string', 'boolean']);
    assert.deepEqual(await call('system.methodSignature', 'supervisor.getAllProcessInfo'), ['array']);
    assert.deepEqual(await call('system.methodSignature', 'system.multicall'), ['array', 'array']);
    const help = (await call('system.methodHelp', 'supervisor.signalProcess')) as string;
    assert.match(help, /@param string name /);
    assert.match(help, /@return boolean result /);
    assert.equal(await faultOf(call('system.methodHelp', 'supervisor.nosuch')), '4 SIGNATURE_UNSUPPORTED');
    assert.deepEqual(await call('system.methodSignature', 'supervisor.tailProcessStdoutLog'), ['array', 'string', 'int', 'int']);
    assert.equal(await faultOf(call('system.methodSignature', 'supervisor.nosuch')), '4 SIGNATURE_UNSUPPORTED');
  });

  it('multicall returns bare values and fault structs (§6.8 quirk)', T, async () => {
    const { call } = setup();
    assert.deepEqual(await call('system.multicall', [{ methodName: 'supervisor.getPID', params: [] }, { methodName: 'supervisor.getProcessInfo', params: ['nosuch'] }]), [
      4242,
      { faultCode: 10, faultString: 'BAD_NAME: nosuch' },
    ]);
    assert.deepEqual(await call('system.multicall', [{ params: [] }, { methodName: 'system.multicall', params: [[]] }, { methodName: 'supervisor.getVersion' }]), [
      { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: No methodName' },
      { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: Recursive system.multicall forbidden' },
      '3.0',
    ]);
    assert.equal(await faultOf(call('system.multicall', 'x')), '2 INCORRECT_PARAMETERS');
  });

  it('multicall runs calls in order; a blocking call blocks the rest', T, async () => {
    const { port, call } = setup();
    const r = await call('system.multicall', [
      { methodName: 'supervisor.startProcess', params: ['grp:stopped'] },
      { methodName: 'supervisor.getProcessInfo', params: ['grp:stopped'] },
    ]);
    assert.equal(((r as XmlRpcValue[])[0]), true);
    assert.equal(((r as Record<string, XmlRpcValue>[])[1]).statename, 'RUNNING');
    assert.equal(port.listenerCount(), 0);
  });
});
