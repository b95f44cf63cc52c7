// One ctl command line (src/ctl/controller.ts): command words, quit, and unexpected errors
// turned into supervisorctl's error line.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { demoPort } from '../server/fake-port';
import { ctl, disposePorts, T } from './helpers';

afterEach(disposePorts);

describe('ctl command words', () => {
  it('unknown syntax, quit', T, async () => {
    assert.deepEqual(await ctl('frob a b').then((r) => [r.out, r.code]), [['*** Unknown syntax: frob a b'], 1]);
    assert.deepEqual(await ctl('!ls').then((r) => [r.out, r.code]), [['*** Unknown syntax: !ls'], 1]);
    assert.deepEqual(await ctl('quit').then((r) => [r.out, r.code]), [[''], 0]);
  });
});

describe('ctl unexpected errors', () => {
  it('a SHUTDOWN_STATE fault during status is an error line, exit 1', T, async () => {
    const port = demoPort();
    port.mood = 'RESTARTING';
    const r = await ctl('status', port);
    assert.deepEqual(r.out, ["error: <class 'xmlrpc.client.Fault'>, <Fault 6: 'SHUTDOWN_STATE'>"]);
    assert.equal(r.code, 1);
  });
});
