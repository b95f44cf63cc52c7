// ctl status and pid (src/ctl/status.ts): the table, its exit codes (A.2), pids.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { statusLines } from '../../../src/ctl/status';
import { FakePort } from '../server/fake-port';
import { ctl, ctlWith, disposePorts, errno, failing, T, URL } from './helpers';

afterEach(disposePorts);

describe('ctl status (§7.3, A.2)', () => {
  it('prints the table sorted by group then name', T, async () => {
    const r = await ctl('status');
    assert.deepEqual(r.out, [
      'backoff                          BACKOFF   Exited too quickly (process log may have details)',
      'exits                            EXITED    Nov 26 02:19 PM',
      'fatal                            FATAL     Exited too quickly (process log may have details)',
      'grp:running                      RUNNING   pid 5975, uptime 0:00:10',
      'grp:stopped                      STOPPED   Not started',
      "notfound                         FATAL     can't find command '/no/such/binary'",
      'web:web_00                       RUNNING   pid 5980, uptime 0:00:10',
      'web:web_01                       RUNNING   pid 5981, uptime 0:00:10',
    ]);
    assert.equal(r.code, 3);
  });

  it('exit codes of A.2', T, async () => {
    const cases: [string, number, string[]][] = [
      ['status grp:running', 0, ['grp:running                      RUNNING   pid 5975, uptime 0:00:10']],
      ['status grp:stopped', 3, ['grp:stopped                      STOPPED   Not started']],
      ['status fatal', 3, ['fatal                            FATAL     Exited too quickly (process log may have details)']],
      ['status backoff', 0, ['backoff                          BACKOFF   Exited too quickly (process log may have details)']],
      ['status exits', 3, ['exits                            EXITED    Nov 26 02:19 PM']],
      ['status nosuch', 4, ['nosuch: ERROR (no such process)']],
      ['status nog:*', 4, ['nog: ERROR (no such group)']],
      ['status nog:', 4, ['nog: ERROR (no such group)']],
      ['status web:*', 0, ['web:web_00                       RUNNING   pid 5980, uptime 0:00:10', 'web:web_01                       RUNNING   pid 5981, uptime 0:00:10']],
    ];
    for (const [line, code, out] of cases) {
      const r = await ctl(line);
      assert.deepEqual(r.out, out, line);
      assert.equal(r.code, code, line);
    }
  });

  it('errors come before the table; a stopped match beats an unknown name (last wins)', T, async () => {
    const r = await ctl('status nosuch grp:stopped');
    assert.deepEqual(r.out, ['nosuch: ERROR (no such process)', 'grp:stopped                      STOPPED   Not started']);
    assert.equal(r.code, 3);
    const s = await ctl('status grp:running nosuch');
    assert.equal(s.code, 4);
  });

  it('STARTING and STOPPING count as running; rows keep trailing spaces', T, async () => {
    const port = new FakePort([{ name: 'a', processes: [{ name: 'a', state: 'STARTING' }] }, { name: 'b', processes: [{ name: 'b', state: 'STOPPING' }] }]);
    const r = await ctl('status', port);
    assert.deepEqual(r.out, [`a${' '.repeat(32)}STARTING  `, `b${' '.repeat(32)}STOPPING  `]);
    assert.equal(r.code, 0);
  });

  it('the name column grows past 30 characters', T, () => {
    const long = 'x'.repeat(40);
    const lines = statusLines([
      { name: long, group: long, state: 20, statename: 'RUNNING', pid: 1, description: 'd' },
      { name: 'p', group: 'g', state: 0, statename: 'STOPPED', pid: 0, description: 'Not started' },
    ]);
    assert.equal(lines[0], `${long}   RUNNING   d`);
    assert.equal(lines[1], `g:p${' '.repeat(40)}STOPPED   Not started`);
  });

  it('up-check failures: status exits 4 whatever the cause', T, async () => {
    assert.deepEqual(await ctlWith(failing(errno('ENOENT')), 'status'), { out: [`${URL} no such file`], code: 4 });
    assert.deepEqual(await ctlWith(failing(errno('ECONNREFUSED')), 'status'), { out: [`${URL} refused connection`], code: 4 });
  });
});

describe('ctl pid', () => {
  it('pid', T, async () => {
    assert.deepEqual(await ctl('pid').then((r) => [r.out, r.code]), [['4242'], 0]);
    assert.deepEqual(await ctl('pid grp:running').then((r) => [r.out, r.code]), [['5975'], 0]);
    assert.deepEqual(await ctl('pid grp:stopped').then((r) => [r.out, r.code]), [['0'], 7]);
    assert.deepEqual(await ctl('pid nosuch').then((r) => [r.out, r.code]), [['No such process nosuch'], 1]);
    assert.deepEqual(await ctl('pid all').then((r) => [r.out, r.code]), [['0', '0', '0', '5975', '0', '0', '5980', '5981'], 0]);
  });
});
