// ctl tail, maintail and clear (src/ctl/log-commands.ts): output and exit codes as
// supervisorctl 4.2.5 prints them. `tail -f` is in test/integration/ctl-tail-follow.test.ts.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { FakeLog } from '../server/fake-logs';
import type { FakeServed } from '../server/fake-served';
import { ctl as run, disposePorts, logPort, T, type CtlResult } from './helpers';

afterEach(disposePorts);

/** the commands here read the logs of grp:running */
const ctl = (line: string, p: FakeServed = logPort()): Promise<CtlResult> => run(line, p);

describe('ctl tail, maintail, clear', () => {
  it('tail: last 1600 bytes by default, -N, stderr, errors', T, async () => {
    const r = await ctl('tail grp:running');
    assert.equal(r.out.length, 1);
    assert.equal(r.out[0]?.length, 1600);
    assert.ok(r.out[0]?.endsWith('END\n'));
    assert.deepEqual(await ctl('tail -4 grp:running'), { out: ['END\n'], code: 0 });
    assert.deepEqual(await ctl('tail grp:running stderr'), { out: ['oops\n'], code: 0 });
    assert.deepEqual(await ctl('tail -100 grp:running STDERR'), { out: ['oops\n'], code: 0 });
    assert.deepEqual(await ctl('tail grp:stopped'), { out: ['grp:stopped: ERROR (no log file)'], code: 1 });
    assert.deepEqual(await ctl('tail nosuch'), { out: ['nosuch: ERROR (no such process name)'], code: 1 });
    assert.deepEqual(await ctl('tail grp:running stdin'), { out: ["Error: bad channel 'stdin'"], code: 1 });
    assert.deepEqual(await ctl('tail -x grp:running'), { out: ['Error: bad argument -x'], code: 1 });
    const few = await ctl('tail');
    assert.deepEqual([few.out[0], few.out[1], few.code], ['Error: too few arguments', 'tail [-f] <name> [stdout|stderr] (default stdout)', 1]);
    assert.equal((await ctl('tail -1 a b c')).out[0], 'Error: too many arguments');
  });

  it('maintail: last bytes of the main log; errors', T, async () => {
    const p = logPort();
    p.main.log!.append('2026-11-26 14:19:02,804 INFO hello\n');
    assert.deepEqual(await ctl('maintail -6', p), { out: ['hello\n'], code: 0 });
    assert.deepEqual(await ctl('maintail x', p), { out: ['Error: bad argument x'], code: 1 });
    assert.deepEqual(await ctl('maintail -y', p), { out: ['Error: bad argument -y'], code: 1 });
    assert.equal((await ctl('maintail a b', p)).out[0], 'Error: too many arguments');
    p.main.log = null;
    assert.deepEqual(await ctl('maintail', p), { out: ['supervisord: ERROR (no log file)'], code: 1 });
  });

  it('clear: names, all, failures', T, async () => {
    const p = logPort();
    assert.deepEqual(await ctl('clear grp:running', p), { out: ['grp:running: cleared'], code: 0 });
    assert.equal((p.logs.get('running', 'stdout') as FakeLog).data.length, 0);
    assert.deepEqual(await ctl('clear nosuch', p), { out: ['nosuch: ERROR (no such process)'], code: 1 });
    p.logs.clearFails.add('stopped');
    const all = await ctl('clear all', p);
    assert.ok(all.out.includes('grp:stopped: ERROR (failed)'));
    assert.ok(all.out.includes('grp:running: cleared'));
    assert.equal(all.code, 1);
    const none = await ctl('clear', p);
    assert.deepEqual([none.out[0], none.code], ['Error: clear requires a process name', 1]);
  });
});

describe('ctl tail, maintail, clear: more of supervisorctl\'s rules', () => {
  it('tail: read errors, a missing name after -f, -0 and --N as int() reads them', T, async () => {
    const p = logPort();
    const out = p.logs.get('running', 'stdout') as FakeLog;
    out.broken = true;
    assert.deepEqual(await ctl('tail grp:running', p), { out: ['grp:running: ERROR (unknown error reading log)'], code: 1 });
    out.broken = false;
    out.missing = true;
    assert.deepEqual(await ctl('tail grp:running', p), { out: ['grp:running: ERROR (no log file)'], code: 1 });
    out.missing = false;
    assert.deepEqual(await ctl('tail -f', p), { out: ['Error: tail requires process name'], code: 1 });
    assert.deepEqual(await ctl('tail grp:* ', p), { out: ['grp:*: ERROR (no such process name)'], code: 1 });
    out.rotate('0123456789\n');
    assert.deepEqual(await ctl('tail -0 grp:running', p), { out: ['0123456789\n'], code: 0 }, '-0: readProcessStdoutLog(name, 0, 0), all of it');
    assert.deepEqual(await ctl('tail --4 grp:running', p), { out: ['456789\n'], code: 0 }, '--4: offset 4 to the end');
    assert.deepEqual(await ctl('tail grp:running stdout extra', p), { out: ["Error: bad channel 'extra'"], code: 1 });
  });

  it('maintail: default 1600 bytes, read errors', T, async () => {
    const p = logPort();
    const main = p.main.log!;
    main.append(`${'x'.repeat(2000)}\n`);
    const r = await ctl('maintail', p);
    assert.equal(r.out[0]?.length, 1600);
    main.broken = true;
    assert.deepEqual(await ctl('maintail -5', p), { out: ['supervisord: ERROR (unknown error reading log)'], code: 1 });
    main.broken = false;
    main.missing = true;
    assert.deepEqual(await ctl('maintail', p), { out: ['supervisord: ERROR (no log file)'], code: 1 });
    const many = await ctl('maintail -1 -2', p);
    assert.deepEqual(many.out, ['Error: too many arguments', 'maintail -f \tContinuous tail of supervisor main log file (Ctrl-C to exit)',
      'maintail -100\tlast 100 *bytes* of supervisord main log file', 'maintail\tlast 1600 *bytes* of supervisor main log file', '']);
  });

  it('clear: a group name is no process (g:None), several names, all in priority order, help', T, async () => {
    const p = logPort();
    assert.deepEqual(await ctl('clear grp:*', p), { out: ['grp:None: ERROR (no such process)'], code: 1 });
    assert.deepEqual(await ctl('clear grp:running exits', p), { out: ['grp:running: cleared', 'exits: cleared'], code: 0 });
    const all = await ctl('clear all', p);
    assert.deepEqual(all.out.slice(0, 3), ['grp:running: cleared', 'grp:stopped: cleared', 'backoff: cleared']);
    assert.equal(all.code, 0);
    assert.deepEqual((await ctl('help clear', p)).out, [
      "clear <name>\t\tClear a process' log files.", "clear <name> <name>\tClear multiple process' log files", "clear all\t\tClear all process' log files",
    ]);
    p.port.mood = 'SHUTDOWN';
    const down = await ctl('clear grp:running', p);
    assert.deepEqual(down.out, ["error: <class 'xmlrpc.client.Fault'>, <Fault 6: 'SHUTDOWN_STATE'>"]);
    assert.equal(down.code, 1);
  });
});
