// tail, maintail, clear, avail, reread, update, add, remove, health, open: output and exit
// codes as supervisorctl 4.2.5 prints them, against the real dispatcher over the fakes.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { CtlContext, type Caller } from '../../../src/ctl/context';
import { makeOpen } from '../../../src/ctl/config-commands';
import { commandTable, runLine } from '../../../src/ctl/controller';
import { createDispatcher } from '../../../src/server/methods/dispatcher';
import { servedMethods } from '../../../src/server/methods/served';
import { FakeLog } from '../server/fake-logs';
import { FakePort } from '../server/fake-port';
import { fakeServed, type FakeServed } from '../server/fake-served';

const T = { timeout: 5000 };
let ports: FakePort[] = [];
afterEach(() => {
  for (const p of ports) p.dispose();
  ports = [];
});

function port(): FakeServed {
  const p = fakeServed();
  p.logs.set('running', 'stdout', new FakeLog('/logs/running.out', 'x'.repeat(2000) + 'END\n'));
  p.logs.set('running', 'stderr', new FakeLog('/logs/running.err', 'oops\n'));
  ports.push(p.port);
  return p;
}

async function ctl(line: string, p: FakeServed = port()): Promise<{ out: string[]; code: number }> {
  const d = createDispatcher(servedMethods(p.served));
  const caller: Caller = { call: (m, params = []) => d.call(m, params) };
  const out: string[] = [];
  const ctx = new CtlContext('unix:///x.sock', caller, (l) => out.push(l));
  await runLine(ctx, line, commandTable({ open: makeOpen(() => caller) }));
  return { out, code: ctx.exitstatus };
}

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
    const p = port();
    p.main.log!.append('2026-11-26 14:19:02,804 INFO hello\n');
    assert.deepEqual(await ctl('maintail -6', p), { out: ['hello\n'], code: 0 });
    assert.deepEqual(await ctl('maintail x', p), { out: ['Error: bad argument x'], code: 1 });
    assert.deepEqual(await ctl('maintail -y', p), { out: ['Error: bad argument -y'], code: 1 });
    assert.equal((await ctl('maintail a b', p)).out[0], 'Error: too many arguments');
    p.main.log = null;
    assert.deepEqual(await ctl('maintail', p), { out: ['supervisord: ERROR (no log file)'], code: 1 });
  });

  it('clear: names, all, failures', T, async () => {
    const p = port();
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
    const p = port();
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
    const p = port();
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
    const p = port();
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

describe('ctl reread, update, add, remove, avail, health, open', () => {
  it('reread: sorted changes, no changes, CANT_REREAD, arguments', T, async () => {
    const p = port();
    p.config.reread = { diff: { added: ['zeta', 'alpha'], changed: ['grp'], removed: ['old'] } };
    assert.deepEqual(await ctl('reread', p), { out: ['alpha: available', 'grp: changed', 'old: disappeared', 'zeta: available'], code: 0 });
    p.config.reread = { diff: { added: [], changed: [], removed: [] } };
    assert.deepEqual(await ctl('reread', p), { out: ['No config updates to processes'], code: 0 });
    p.config.reread = { error: '/etc/x.conf:3: bad' };
    assert.deepEqual(await ctl('reread', p), { out: ['ERROR: CANT_REREAD: /etc/x.conf:3: bad'], code: 1 });
    assert.equal((await ctl('reread x', p)).out[0], 'Error: reread accepts no arguments');
  });

  it('add and remove: results and errors', T, async () => {
    const p = port();
    assert.deepEqual(await ctl('add grp nosuch', p), { out: ['ERROR: process group already active', 'ERROR: no such process/group: nosuch'], code: 1 });
    assert.deepEqual(await ctl('remove grp', p), { out: ['ERROR: process/group still running: grp'], code: 1 });
    assert.deepEqual(await ctl('remove exits', p), { out: ['exits: removed process group'], code: 0 });
    assert.deepEqual(await ctl('remove nosuch', p), { out: ['ERROR: no such process/group: nosuch'], code: 1 });
  });

  it('update: unknown group names are reported; removed groups are stopped then removed', T, async () => {
    const p = port();
    p.config.reread = { diff: { added: [], changed: [], removed: ['exits'] } };
    assert.deepEqual(await ctl('update', p), { out: ['exits: stopped', 'exits: removed process group'], code: 0 });
    p.config.reread = { diff: { added: [], changed: [], removed: [] } };
    assert.deepEqual(await ctl('update nosuch', p), { out: ['ERROR: no such group: nosuch'], code: 1 });
  });

  it('avail lists configured processes; --json for scripts', T, async () => {
    // the fake's lastReadConfig is not modelled: the error is reported like any unexpected one
    const r = await ctl('avail x');
    assert.deepEqual([r.out[0], r.code], ['Error: avail accepts no arguments', 1]);
  });

  it('health: 0 when nothing failed, 1 naming what did', T, async () => {
    const r = await ctl('health');
    assert.equal(r.code, 1);
    assert.match(r.out[0] ?? '', /^unhealthy: backoff BACKOFF .*fatal FATAL .*notfound FATAL \(can't find command/);
    const p = fakeServed(new FakePort([{ name: 'web', processes: [{ name: 'web', state: 'RUNNING' }] }, { name: 'job', processes: [{ name: 'job', state: 'EXITED' }] }]));
    ports.push(p.port);
    assert.deepEqual(await ctl('health', p), { out: ['healthy: 1 of 2 processes running, none failed'], code: 0 });
    p.port.mood = 'SHUTDOWN';
    assert.deepEqual(await ctl('health', p), { out: ['unhealthy: supervisord is shutting down'], code: 1 });
  });

  it('open: http:// or unix:// only, then status', T, async () => {
    assert.deepEqual(await ctl('open ftp://x'), { out: ['ERROR: url must be http:// or unix://'], code: 1 });
    const r = await ctl('open unix:///other.sock');
    assert.ok(r.out.some((l) => l.startsWith('grp:running')));
    assert.equal(r.code, 0, 'open keeps the exit status it had');
  });
});
