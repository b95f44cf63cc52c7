// The config methods against the fake config changes: reloadConfig, add/removeProcessGroup.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { configMethods } from '../../../../src/server/methods/config-methods';
import { createDispatcher } from '../../../../src/server/methods/dispatcher';
import type { FakePort } from '../fake-port';
import { fakeServed, type FakeGroupConfig } from '../fake-served';
import { faultOf } from '../fault-of';
import { caller, type Call } from './helpers';

const T = { timeout: 5000 };
let ports: FakePort[] = [];
afterEach(() => {
  for (const p of ports) p.dispose();
  ports = [];
});

function setup(): { port: FakePort; config: FakeGroupConfig; call: Call } {
  const { port, config } = fakeServed();
  ports.push(port);
  return { port, config, call: caller(createDispatcher(configMethods(config))) };
}

describe('config methods', () => {
  it('reloadConfig gives [[added, changed, removed]]; errors are CANT_REREAD', T, async () => {
    const { config, call } = setup();
    config.reread = { diff: { added: ['new'], changed: ['grp'], removed: ['old'] } };
    assert.deepEqual(await call('supervisor.reloadConfig'), [[['new'], ['grp'], ['old']]]);
    config.reread = { error: '/etc/x.conf:3: bad' };
    assert.equal(await faultOf(call('supervisor.reloadConfig')), '92 CANT_REREAD: /etc/x.conf:3: bad');
  });

  it('addProcessGroup and removeProcessGroup faults', T, async () => {
    const { port, call } = setup();
    assert.equal(await faultOf(call('supervisor.addProcessGroup', 'grp')), '90 ALREADY_ADDED: grp');
    assert.equal(await faultOf(call('supervisor.addProcessGroup', 'nosuch')), '10 BAD_NAME: nosuch');
    assert.equal(await faultOf(call('supervisor.removeProcessGroup', 'grp')), '91 STILL_RUNNING: grp');
    assert.equal(await faultOf(call('supervisor.removeProcessGroup', 'nosuch')), '10 BAD_NAME: nosuch');
    assert.equal(await call('supervisor.removeProcessGroup', 'exits'), true);
    assert.ok(!port.groups().some((g) => g.name === 'exits'));
  });

  it('SHUTDOWN_STATE first while shutting down or restarting', T, async () => {
    const { port, call } = setup();
    for (const mood of ['SHUTDOWN', 'RESTARTING'] as const) {
      port.mood = mood;
      for (const m of ['reloadConfig', 'getAllConfigInfo']) assert.equal(await faultOf(call(`supervisor.${m}`)), '6 SHUTDOWN_STATE', m);
      for (const m of ['addProcessGroup', 'removeProcessGroup']) assert.equal(await faultOf(call(`supervisor.${m}`, 'grp')), '6 SHUTDOWN_STATE', m);
    }
  });
});
