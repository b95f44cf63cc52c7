// The group methods against the fake port: reloadConfig, add/removeProcessGroup, stdin.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createDispatcher } from '../../../../src/server/methods/dispatcher';
import type { XmlRpcValue } from '../../../../src/protocol/xmlrpc';
import { demoPort, FakePort } from '../fake-port';
import { faultOf } from '../fault-of';

const T = { timeout: 5000 };
let ports: FakePort[] = [];
afterEach(() => {
  for (const p of ports) p.dispose();
  ports = [];
});

function setup(): { port: FakePort; call: (m: string, ...p: XmlRpcValue[]) => Promise<XmlRpcValue> } {
  const port = demoPort();
  ports.push(port);
  const d = createDispatcher(port);
  return { port, call: (m, ...p) => d.call(m, p) };
}


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
