// The daemon methods against the fake port: versions, identification, state, pid, shutdown, restart.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { daemonMethods } from '../../../../src/server/methods/daemon-methods';
import { FakePort } from '../fake-port';
import { faultOf } from '../fault-of';
import { disposePorts, setup as setupWith, T } from './helpers';

afterEach(disposePorts);

const setup = (port?: FakePort): ReturnType<typeof setupWith> => setupWith(daemonMethods, port);

describe('daemon methods', () => {
  it('versions, identification, state, pid', T, async () => {
    const { call } = setup();
    assert.equal(await call('supervisor.getAPIVersion'), '3.0');
    assert.equal(await call('supervisor.getVersion'), '3.0');
    assert.equal(await call('supervisor.getSupervisorVersion'), '4.2.5');
    assert.equal(await call('supervisor.getIdentification'), 'supervisor');
    assert.deepEqual(await call('supervisor.getState'), { statecode: 1, statename: 'RUNNING' });
    assert.equal(await call('supervisor.getPID'), 4242);
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
