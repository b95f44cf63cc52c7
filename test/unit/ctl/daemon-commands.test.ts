// ctl version, shutdown and reload (src/ctl/daemon-commands.ts).
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { demoPort } from '../server/fake-port';
import { ctl, ctlWith, disposePorts, errno, failing, T, URL } from './helpers';

afterEach(disposePorts);

describe('ctl version / shutdown / reload', () => {
  it('version', T, async () => {
    assert.deepEqual(await ctl('version').then((r) => [r.out, r.code]), [['4.2.5'], 0]);
    const r = await ctl('version x');
    assert.deepEqual(r.out, ['Error: version accepts no arguments', 'version\t\t\tShow the version of the remote supervisord process']);
    assert.equal(r.code, 1);
  });

  it('shutdown and reload', T, async () => {
    const down = demoPort();
    const s = await ctl('shutdown', down);
    assert.deepEqual([s.out, s.code, down.shutdowns], [['Shut down'], 0, 1]);
    const port = demoPort();
    port.mood = 'SHUTDOWN';
    assert.deepEqual(await ctl('shutdown', port).then((r) => [r.out, r.code]), [['ERROR: already shutting down'], 0]);
    assert.deepEqual(await ctl('reload', port).then((r) => [r.out, r.code]), [['ERROR: already shutting down'], 1]);
    const restarting = demoPort();
    const rl = await ctl('reload', restarting);
    assert.deepEqual([rl.out, rl.code, restarting.restarts], [['Restarted supervisord'], 0, 1]);
    assert.deepEqual(await ctl('shutdown now').then((r) => [r.out, r.code]), [['Error: shutdown accepts no arguments', 'shutdown \tShut the remote supervisord down.'], 1]);
    assert.deepEqual(await ctlWith(failing(errno('ENOENT')), 'shutdown'), { out: [`ERROR: ${URL} no such file (already shut down?)`], code: 1 });
    assert.deepEqual(await ctlWith(failing(errno('ECONNREFUSED')), 'shutdown'), { out: [`ERROR: ${URL} refused connection (already shut down?)`], code: 1 });
    assert.deepEqual(await ctlWith(failing(errno('ENOENT')), 'reload'), { out: ["error: <class 'FileNotFoundError'>, [Errno 2] No such file or directory"], code: 1 });
  });
});
