// The dispatcher over every family (what the servers serve): lookup, arity, SHUTDOWN_STATE
// everywhere, and system.* (introspection, multicall).
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { configMethods } from '../../../../src/server/methods/config-methods';
import { daemonMethods } from '../../../../src/server/methods/daemon-methods';
import { createDispatcher } from '../../../../src/server/methods/dispatcher';
import { logMethods } from '../../../../src/server/methods/log-methods';
import { processMethods } from '../../../../src/server/methods/process-methods';
import { servedMethods } from '../../../../src/server/methods/served';
import { systemMethods } from '../../../../src/server/methods/system-methods';
import { Methods } from '../../../../src/protocol/protocol';
import type { XmlRpcValue } from '../../../../src/protocol/xmlrpc';
import type { FakePort } from '../fake-port';
import { fakeServed } from '../fake-served';
import { faultOf } from '../fault-of';
import { caller, type Call } from './helpers';

const T = { timeout: 5000 };
let ports: FakePort[] = [];
afterEach(() => {
  for (const p of ports) p.dispose();
  ports = [];
});

function setup(): { port: FakePort; call: Call } {
  const { port, served } = fakeServed();
  ports.push(port);
  return { port, call: caller(createDispatcher(servedMethods(served))) };
}

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
    assert.deepEqual(all, Object.values(Methods).sort(), "the protocol's names: what ctl may call");
  });

  it("the method families serve the protocol's names, each in exactly one family", T, () => {
    const { port, config, logs, main } = fakeServed();
    ports.push(port);
    const families = [
      daemonMethods(port), processMethods(port), configMethods(config), logMethods(port, logs, main),
      systemMethods(() => ({}), () => Promise.resolve(true)),
    ];
    const names = families.flatMap((f) => Object.keys(f));
    assert.equal(new Set(names).size, names.length, 'no name in two families');
    assert.deepEqual(names.sort(), Object.values(Methods).sort());
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
