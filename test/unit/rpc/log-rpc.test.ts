// The log methods against the fake port: §6.6 offsets, faults, aliases, clearing.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createDispatcher } from '../../../src/rpc/handlers';
import { RpcFault } from '../../../src/rpc/protocol';
import type { XmlRpcValue } from '../../../src/rpc/xmlrpc';
import { demoPort, FakeLog, FakePort } from './fake-port';

const T = { timeout: 5000 };
let ports: FakePort[] = [];
afterEach(() => {
  for (const p of ports) p.dispose();
  ports = [];
});

function setup(): { port: FakePort; call: (m: string, ...p: XmlRpcValue[]) => Promise<XmlRpcValue> } {
  const port = demoPort();
  ports.push(port);
  port.logs.set('running/stdout', new FakeLog('/logs/running.out', 'out-line\n'));
  port.logs.set('running/stderr', new FakeLog('/logs/running.err', 'err-1\nerr-2\n'));
  const d = createDispatcher(port);
  return { port, call: (m, ...p) => d.call(m, p) };
}

async function faultOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof RpcFault, `not a fault: ${String(err)}`);
    return `${err.code} ${err.text}`;
  }
  assert.fail('expected a fault');
}

describe('log methods', () => {
  it('read offsets and lengths as §6.6 says', T, async () => {
    const { call } = setup();
    const read = (o: number, l: number): Promise<XmlRpcValue> => call('supervisor.readProcessStdoutLog', 'grp:running', o, l);
    assert.equal(await read(0, 0), 'out-line\n');
    assert.equal(await read(4, 0), 'line\n');
    assert.equal(await read(0, 3), 'out');
    assert.equal(await read(-5, 0), 'line\n');
    assert.equal(await read(-100, 0), 'out-line\n');
    assert.equal(await read(100, 0), '');
    assert.equal(await faultOf(read(-5, 2)), '3 BAD_ARGUMENTS');
    assert.equal(await faultOf(read(0, -1)), '3 BAD_ARGUMENTS');
    assert.equal(await call('supervisor.readProcessLog', 'grp:running', 0, 0), 'out-line\n', 'alias of the stdout read');
    assert.equal(await call('supervisor.readProcessStderrLog', 'grp:running', -6, 0), 'err-2\n');
  });

  it('tail: the spec\'s 9-byte examples, overflow, and a missing log', T, async () => {
    const { call } = setup();
    assert.deepEqual(await call('supervisor.tailProcessStdoutLog', 'grp:running', 0, 100), ['out-line\n', 9, false]);
    assert.deepEqual(await call('supervisor.tailProcessStdoutLog', 'grp:running', 0, 3), ['ne\n', 9, true]);
    assert.deepEqual(await call('supervisor.tailProcessLog', 'grp:running', 9, 100), ['', 9, false]);
    assert.deepEqual(await call('supervisor.tailProcessStderrLog', 'grp:running', 6, 100), ['err-1\nerr-2\n', 12, false], 'offset+length past the end reads from size-length (clamped)');
    assert.deepEqual(await call('supervisor.tailProcessStdoutLog', 'grp:stopped', 0, 100), ['', 0, false], 'no log: empty, not a fault');
  });

  it('faults: BAD_NAME for unknown names and groups, NO_FILE without a log, FAILED on read errors, INCORRECT_PARAMETERS for non-ints', T, async () => {
    const { port, call } = setup();
    assert.equal(await faultOf(call('supervisor.readProcessStdoutLog', 'nosuch', 0, 0)), '10 BAD_NAME: nosuch');
    assert.equal(await faultOf(call('supervisor.readProcessStdoutLog', 'grp:*', 0, 0)), '10 BAD_NAME: grp:*');
    assert.equal(await faultOf(call('supervisor.tailProcessStdoutLog', 'nosuch', 0, 10)), '10 BAD_NAME: nosuch');
    assert.equal(await faultOf(call('supervisor.readProcessStdoutLog', 'grp:stopped', 0, 0)), '20 NO_FILE');
    (port.logs.get('running/stdout') as FakeLog).broken = true;
    assert.equal(await faultOf(call('supervisor.readProcessStdoutLog', 'grp:running', 0, 0)), '30 FAILED');
    assert.equal(await faultOf(call('supervisor.readProcessStdoutLog', 'grp:running', 'x', 0)), '2 INCORRECT_PARAMETERS');
    assert.equal(await call('supervisor.readProcessStderrLog', 'grp:running', '0', '5'), 'err-1', 'ints as strings, as int() reads them');
  });

  it('main log: readLog, readMainLog, clearLog; NO_FILE without one', T, async () => {
    const { port, call } = setup();
    (port.main as FakeLog).append('2026-11-26 14:19:02,804 INFO hello\n');
    assert.equal(await call('supervisor.readLog', -6, 0), 'hello\n');
    assert.equal(await call('supervisor.readMainLog', 0, 4), '2026');
    assert.equal(await call('supervisor.clearLog'), true);
    assert.equal(await call('supervisor.readLog', 0, 0), '');
    port.main = null;
    assert.equal(await faultOf(call('supervisor.readLog', 0, 0)), '20 NO_FILE');
  });

  it('clearProcessLogs (and its alias) and clearAllProcessLogs, FAILED per process', T, async () => {
    const { port, call } = setup();
    assert.equal(await call('supervisor.clearProcessLogs', 'grp:running'), true);
    assert.equal(await call('supervisor.readProcessStderrLog', 'grp:running', 0, 0), '');
    assert.equal(await call('supervisor.clearProcessLog', 'grp:running'), true);
    assert.equal(await faultOf(call('supervisor.clearProcessLogs', 'nosuch')), '10 BAD_NAME: nosuch');
    port.clearFails.add('stopped');
    assert.equal(await faultOf(call('supervisor.clearProcessLogs', 'grp:stopped')), '30 FAILED: grp:stopped');
    const all = (await call('supervisor.clearAllProcessLogs')) as Record<string, XmlRpcValue>[];
    assert.ok(all.length > 2);
    assert.deepEqual(all.find((r) => r.name === 'stopped'), { name: 'stopped', group: 'grp', status: 30, description: 'FAILED: grp:stopped' });
    assert.deepEqual(all.find((r) => r.name === 'running'), { name: 'running', group: 'grp', status: 80, description: 'OK' });
  });

  it('SHUTDOWN_STATE while shutting down', T, async () => {
    const { port, call } = setup();
    port.mood = 'SHUTDOWN';
    for (const [m, args] of [['readLog', [0, 0]], ['tailProcessStdoutLog', ['grp:running', 0, 1]], ['clearAllProcessLogs', []]] as const) {
      assert.equal(await faultOf(call(`supervisor.${m}`, ...args)), '6 SHUTDOWN_STATE', m);
    }
  });
});

describe('group methods', () => {
  it('reloadConfig gives [[added, changed, removed]]; errors are CANT_REREAD', T, async () => {
    const { port, call } = setup();
    port.reread = { diff: { added: ['new'], changed: ['grp'], removed: ['old'] } };
    assert.deepEqual(await call('supervisor.reloadConfig'), [[['new'], ['grp'], ['old']]]);
    port.reread = { error: '/etc/x.conf:3: bad' };
    assert.equal(await faultOf(call('supervisor.reloadConfig')), '92 CANT_REREAD: /etc/x.conf:3: bad');
  });

  it('addProcessGroup and removeProcessGroup faults', T, async () => {
    const { call } = setup();
    assert.equal(await faultOf(call('supervisor.addProcessGroup', 'grp')), '90 ALREADY_ADDED: grp');
    assert.equal(await faultOf(call('supervisor.addProcessGroup', 'nosuch')), '10 BAD_NAME: nosuch');
    assert.equal(await faultOf(call('supervisor.removeProcessGroup', 'grp')), '91 STILL_RUNNING: grp');
    assert.equal(await faultOf(call('supervisor.removeProcessGroup', 'nosuch')), '10 BAD_NAME: nosuch');
    assert.equal(await call('supervisor.removeProcessGroup', 'exits'), true);
  });

  it('sendProcessStdin writes to a running process; NOT_RUNNING otherwise; sendRemoteCommEvent accepted', T, async () => {
    const { port, call } = setup();
    assert.equal(await call('supervisor.sendProcessStdin', 'grp:running', 'hello\n'), true);
    assert.deepEqual(port.stdinWrites, ['running:hello\n']);
    assert.equal(await faultOf(call('supervisor.sendProcessStdin', 'grp:stopped', 'x')), '70 NOT_RUNNING: stopped');
    assert.equal(await faultOf(call('supervisor.sendProcessStdin', 'grp:running', 5)), '2 INCORRECT_PARAMETERS: 5');
    assert.equal(await call('supervisor.sendRemoteCommEvent', 'type', 'data'), true);
  });
});
