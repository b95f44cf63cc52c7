// The log methods against the fake port and fake logs: every row of §6.6, the faults of
// §6.2/§6.4, aliases, introspection, multicall, clearing.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createDispatcher } from '../../../../src/server/methods/dispatcher';
import { logMethods } from '../../../../src/server/methods/log-methods';
import type { XmlRpcValue } from '../../../../src/protocol/xmlrpc';
import { FakeLog, FakeMainLog, FakeProcessLogs } from '../fake-logs';
import { demoPort, type FakePort } from '../fake-port';
import { faultOf } from '../fault-of';
import { caller, type Call } from './helpers';

const T = { timeout: 5000 };
let ports: FakePort[] = [];
afterEach(() => {
  for (const p of ports) p.dispose();
  ports = [];
});

function setup(): { port: FakePort; logs: FakeProcessLogs; main: FakeMainLog; call: Call; out: FakeLog; err: FakeLog } {
  const port = demoPort();
  ports.push(port);
  const logs = new FakeProcessLogs();
  const main = new FakeMainLog();
  const out = new FakeLog('/logs/running.out', 'out-line\n');
  const err = new FakeLog('/logs/running.err', 'err-1\nerr-2\n');
  logs.set('running', 'stdout', out);
  logs.set('running', 'stderr', err);
  return { port, logs, main, call: caller(createDispatcher(logMethods(port, logs, main))), out, err };
}


describe('log methods: reading (§6.6)', () => {
  it('readProcess*Log: every offset/length row', T, async () => {
    const { call } = setup();
    const read = (o: number, l: number): Promise<XmlRpcValue> => call('supervisor.readProcessStdoutLog', 'grp:running', o, l);
    assert.equal(await read(0, 0), 'out-line\n', 'offset>=0, length=0: to the end');
    assert.equal(await read(4, 0), 'line\n');
    assert.equal(await read(100, 0), '', 'past the end: nothing');
    assert.equal(await read(0, 3), 'out', 'offset>=0, length>0: length bytes at offset');
    assert.equal(await read(4, 100), 'line\n', 'fewer when the log ends first');
    assert.equal(await read(-5, 0), 'line\n', 'offset<0, length=0: the last |offset| bytes');
    assert.equal(await read(-100, 0), 'out-line\n', 'more than there is: all of it');
    assert.equal(await faultOf(read(-5, 2)), '3 BAD_ARGUMENTS', 'offset<0 with length!=0');
    assert.equal(await faultOf(read(-5, -2)), '3 BAD_ARGUMENTS');
    assert.equal(await faultOf(read(0, -1)), '3 BAD_ARGUMENTS', 'length<0');
    assert.equal(await call('supervisor.readProcessLog', 'grp:running', 0, 0), 'out-line\n', 'alias of the stdout read');
    assert.equal(await call('supervisor.readProcessStderrLog', 'grp:running', -6, 0), 'err-2\n');
    assert.equal(await call('supervisor.readProcessStderrLog', 'grp:running', '0', '5'), 'err-1', 'ints as strings, as int() reads them');
  });

  it('decodes UTF-8, with U+FFFD for bytes that are not', T, async () => {
    const { call, out } = setup();
    out.rotate(new Uint8Array([0x68, 0xc3, 0xa9, 0xff, 0x0a]));
    assert.equal(await call('supervisor.readProcessStdoutLog', 'grp:running', 0, 0), 'h\u00e9\ufffd\n');
  });

  it('tail*: the spec examples and each branch of tailFile', T, async () => {
    const { call, err } = setup();
    const tail = (o: number, l: number): Promise<XmlRpcValue> => call('supervisor.tailProcessStdoutLog', 'grp:running', o, l);
    assert.deepEqual(await tail(0, 100), ['out-line\n', 9, false], 'spec example 1');
    assert.deepEqual(await tail(0, 3), ['ne\n', 9, true], 'spec example 2: overflow, the last 3 bytes');
    assert.deepEqual(await tail(9, 100), ['', 9, false], 'nothing new: polled with the returned offset');
    assert.deepEqual(await tail(5, 4), ['ine\n', 9, false], 'exactly to the end');
    assert.deepEqual(await tail(20, 5), ['', 9, false], 'offset past the end (log shrank): nothing, and the size');
    assert.deepEqual(await tail(0, 0), ['', 9, true], 'length 0');
    assert.deepEqual(await call('supervisor.tailProcessLog', 'grp:running', 0, 100), ['out-line\n', 9, false], 'alias');
    assert.deepEqual(await call('supervisor.tailProcessStderrLog', 'grp:running', 6, 100), ['err-1\nerr-2\n', 12, false], 'offset+length past the end: size-length, clamped');
    err.append('err-3\n');
    assert.deepEqual(await call('supervisor.tailProcessStderrLog', 'grp:running', 12, 6), ['err-3\n', 18, false], 'new bytes since the last poll');
    assert.deepEqual(await call('supervisor.tailProcessStderrLog', 'grp:running', 12, 100), ['err-1\nerr-2\nerr-3\n', 18, false], 'tailFile: offset+length past the end reads the last length bytes');
  });

  it('tail*: no log kept, a missing file, a read error: no fault', T, async () => {
    const { call, out } = setup();
    assert.deepEqual(await call('supervisor.tailProcessStdoutLog', 'grp:stopped', 0, 100), ['', 0, false], 'no log (NONE)');
    out.missing = true;
    assert.deepEqual(await call('supervisor.tailProcessStdoutLog', 'grp:running', 7, 100), ['', 0, false], 'file not there');
    out.missing = false;
    out.broken = true;
    assert.deepEqual(await call('supervisor.tailProcessStdoutLog', 'grp:running', 7, 100), ['', 7, false], 'read error: the offset back');
  });

  it('faults: BAD_NAME, NO_FILE (with the path when the file is gone), FAILED, INCORRECT_PARAMETERS', T, async () => {
    const { call, out } = setup();
    for (const m of ['readProcessStdoutLog', 'readProcessStderrLog', 'tailProcessStdoutLog', 'tailProcessStderrLog']) {
      assert.equal(await faultOf(call(`supervisor.${m}`, 'nosuch', 0, 0)), '10 BAD_NAME: nosuch', m);
      assert.equal(await faultOf(call(`supervisor.${m}`, 'grp:*', 0, 0)), '10 BAD_NAME: grp:*', `${m}: a whole group`);
      assert.equal(await faultOf(call(`supervisor.${m}`, 'grp:nosuch', 0, 0)), '10 BAD_NAME: grp:nosuch', m);
    }
    assert.equal(await faultOf(call('supervisor.readProcessStdoutLog', 'grp:stopped', 0, 0)), '20 NO_FILE', 'no log kept');
    out.missing = true;
    assert.equal(await faultOf(call('supervisor.readProcessStdoutLog', 'grp:running', 0, 0)), '20 NO_FILE: /logs/running.out');
    out.missing = false;
    out.broken = true;
    assert.equal(await faultOf(call('supervisor.readProcessStdoutLog', 'grp:running', 0, 0)), '30 FAILED');
    assert.equal(await faultOf(call('supervisor.readProcessStdoutLog', 'grp:running', 'x', 0)), '2 INCORRECT_PARAMETERS');
    assert.equal(await faultOf(call('supervisor.readProcessStdoutLog', 'grp:running', 0)), '2 INCORRECT_PARAMETERS', 'arity');
    assert.equal(await faultOf(call('supervisor.tailProcessStdoutLog', 'grp:running', 0, 1, 2)), '2 INCORRECT_PARAMETERS', 'arity');
  });

  it('main log: readLog and readMainLog; NO_FILE without one or when its file is gone; FAILED', T, async () => {
    const { main: mainLog, call } = setup();
    const main = mainLog.log!;
    main.append('2026-11-26 14:19:02,804 INFO hello\n');
    assert.equal(await call('supervisor.readLog', -6, 0), 'hello\n');
    assert.equal(await call('supervisor.readMainLog', 0, 4), '2026');
    assert.equal(await faultOf(call('supervisor.readLog', -6, 1)), '3 BAD_ARGUMENTS');
    main.missing = true;
    assert.equal(await faultOf(call('supervisor.readLog', 0, 0)), '20 NO_FILE: /fake/supervisord.log');
    main.missing = false;
    main.broken = true;
    assert.equal(await faultOf(call('supervisor.readLog', 0, 0)), '30 FAILED');
    mainLog.log = null;
    assert.equal(await faultOf(call('supervisor.readLog', 0, 0)), '20 NO_FILE');
  });
});

describe('log methods: clearing', () => {
  it('clearLog empties the main log; NO_FILE without one; FAILED when it cannot', T, async () => {
    const { main, call } = setup();
    main.log!.append('line\n');
    assert.equal(await call('supervisor.clearLog'), true);
    assert.equal(await call('supervisor.readLog', 0, 0), '');
    main.clearFails = true;
    assert.equal(await faultOf(call('supervisor.clearLog')), '30 FAILED');
    main.log = null;
    assert.equal(await faultOf(call('supervisor.clearLog')), '20 NO_FILE');
  });

  it('clearProcessLogs (and its alias): both logs; BAD_NAME; FAILED with the name as given', T, async () => {
    const { logs, call, out, err } = setup();
    assert.equal(await call('supervisor.clearProcessLogs', 'grp:running'), true);
    assert.equal(out.data.length + err.data.length, 0);
    out.append('again\n');
    assert.equal(await call('supervisor.clearProcessLog', 'grp:running'), true);
    assert.equal(out.data.length, 0);
    assert.equal(await call('supervisor.clearProcessLogs', 'grp:stopped'), true, 'no logs kept: nothing to do');
    assert.equal(await faultOf(call('supervisor.clearProcessLogs', 'nosuch')), '10 BAD_NAME: nosuch');
    assert.equal(await faultOf(call('supervisor.clearProcessLogs', 'grp:*')), '10 BAD_NAME: grp:*');
    logs.clearFails.add('stopped');
    assert.equal(await faultOf(call('supervisor.clearProcessLogs', 'grp:stopped')), '30 FAILED: grp:stopped');
  });

  it('clearAllProcessLogs: one result per process in priority order, failures inside', T, async () => {
    const { logs, call } = setup();
    logs.clearFails.add('stopped');
    const all = (await call('supervisor.clearAllProcessLogs')) as Record<string, XmlRpcValue>[];
    assert.deepEqual(all.map((r) => `${r.group}:${r.name}`), [
      'grp:running', 'grp:stopped', // priority 5 first
      'backoff:backoff', 'exits:exits', 'fatal:fatal', 'notfound:notfound', 'web:web_00', 'web:web_01',
    ]);
    assert.deepEqual(all[0], { name: 'running', group: 'grp', status: 80, description: 'OK' });
    assert.deepEqual(all[1], { name: 'stopped', group: 'grp', status: 30, description: 'FAILED: grp:stopped' });
    assert.deepEqual(all[2], { name: 'backoff', group: 'backoff', status: 80, description: 'OK' });
  });
});

describe('log methods: protocol', () => {
  it('SHUTDOWN_STATE first while shutting down or restarting', T, async () => {
    const { port, call } = setup();
    const calls: [string, XmlRpcValue[]][] = [
      ['readLog', [0, 0]], ['readMainLog', [0, 0]], ['clearLog', []], ['readProcessStdoutLog', ['nosuch', 0, 0]],
      ['readProcessLog', ['grp:running', 0, 0]], ['readProcessStderrLog', ['grp:running', 0, 0]],
      ['tailProcessStdoutLog', ['grp:running', 0, 1]], ['tailProcessLog', ['grp:running', 0, 1]],
      ['tailProcessStderrLog', ['grp:running', 0, 1]], ['clearProcessLogs', ['grp:running']],
      ['clearProcessLog', ['grp:running']], ['clearAllProcessLogs', []],
    ];
    for (const mood of ['SHUTDOWN', 'RESTARTING'] as const) {
      port.mood = mood;
      for (const [m, args] of calls) assert.equal(await faultOf(call(`supervisor.${m}`, ...args)), '6 SHUTDOWN_STATE', `${mood} ${m}`);
    }
  });

  it('methodSignature and methodHelp from the docstrings; listMethods has every name and alias', T, async () => {
    const { call } = setup();
    const sig = (m: string): Promise<XmlRpcValue> => call('system.methodSignature', `supervisor.${m}`);
    assert.deepEqual(await sig('tailProcessStdoutLog'), ['array', 'string', 'int', 'int']);
    assert.deepEqual(await sig('tailProcessLog'), ['array', 'string', 'int', 'int']);
    assert.deepEqual(await sig('readProcessStderrLog'), ['string', 'string', 'int', 'int']);
    assert.deepEqual(await sig('readLog'), ['string', 'int', 'int']);
    assert.deepEqual(await sig('readMainLog'), ['string', 'int', 'int']);
    assert.deepEqual(await sig('clearLog'), ['boolean']);
    assert.deepEqual(await sig('clearProcessLog'), ['boolean', 'string']);
    assert.deepEqual(await sig('clearAllProcessLogs'), ['array']);
    const help = String(await call('system.methodHelp', 'supervisor.readLog'));
    assert.match(help, /^Read length bytes from the main log starting at offset\n/);
    assert.match(help, /@param int offset offset to start reading from\.\n@param int length number of bytes to read from the log\.\n@return string result Bytes of log\n$/);
    assert.match(String(await call('system.methodHelp', 'supervisor.tailProcessStderrLog')), /readProcessStderrLog\(\) to read\nchunks and tailProcessStderrLog\(\) to tail\./);
    const names = (await call('system.listMethods')) as string[];
    for (const m of ['readLog', 'readMainLog', 'clearLog', 'readProcessStdoutLog', 'readProcessLog', 'readProcessStderrLog', 'tailProcessStdoutLog',
      'tailProcessLog', 'tailProcessStderrLog', 'clearProcessLogs', 'clearProcessLog', 'clearAllProcessLogs']) {
      assert.ok(names.includes(`supervisor.${m}`), m);
    }
  });

  it('in a multicall: bare values and fault structs, in order', T, async () => {
    const { call } = setup();
    const r = await call('system.multicall', [
      { methodName: 'supervisor.tailProcessLog', params: ['grp:running', 0, 3] },
      { methodName: 'supervisor.readProcessStderrLog', params: ['grp:running', -6, 0] },
      { methodName: 'supervisor.readProcessStdoutLog', params: ['nosuch', 0, 0] },
      { methodName: 'supervisor.clearProcessLogs', params: ['grp:running'] },
      { methodName: 'supervisor.tailProcessLog', params: ['grp:running', 0, 100] },
    ]);
    assert.deepEqual(r, [
      ['ne\n', 9, true],
      'err-2\n',
      { faultCode: 10, faultString: 'BAD_NAME: nosuch' },
      true,
      ['', 0, false],
    ]);
  });
});
