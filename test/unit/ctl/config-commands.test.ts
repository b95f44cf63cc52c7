// ctl reread, update, add, remove, avail and open (src/ctl/config-commands.ts): output and
// exit codes as supervisorctl 4.2.5 prints them.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { FakePort } from '../server/fake-port';
import type { FakeServed } from '../server/fake-served';
import { ctl as run, disposePorts, logPort, T, type CtlResult } from './helpers';

afterEach(disposePorts);

const ctl = (line: string, p: FakePort | FakeServed = logPort()): Promise<CtlResult> => run(line, p);

describe('ctl reread, update, add, remove, avail, open', () => {
  it('reread: sorted changes, no changes, CANT_REREAD, arguments', T, async () => {
    const p = logPort();
    p.config.reread = { diff: { added: ['zeta', 'alpha'], changed: ['grp'], removed: ['old'] } };
    assert.deepEqual(await ctl('reread', p), { out: ['alpha: available', 'grp: changed', 'old: disappeared', 'zeta: available'], code: 0 });
    p.config.reread = { diff: { added: [], changed: [], removed: [] } };
    assert.deepEqual(await ctl('reread', p), { out: ['No config updates to processes'], code: 0 });
    p.config.reread = { error: '/etc/x.conf:3: bad' };
    assert.deepEqual(await ctl('reread', p), { out: ['ERROR: CANT_REREAD: /etc/x.conf:3: bad'], code: 1 });
    assert.equal((await ctl('reread x', p)).out[0], 'Error: reread accepts no arguments');
  });

  it('add and remove: results and errors', T, async () => {
    const p = logPort();
    assert.deepEqual(await ctl('add grp nosuch', p), { out: ['ERROR: process group already active', 'ERROR: no such process/group: nosuch'], code: 1 });
    assert.deepEqual(await ctl('remove grp', p), { out: ['ERROR: process/group still running: grp'], code: 1 });
    assert.deepEqual(await ctl('remove exits', p), { out: ['exits: removed process group'], code: 0 });
    assert.deepEqual(await ctl('remove nosuch', p), { out: ['ERROR: no such process/group: nosuch'], code: 1 });
  });

  it('update: unknown group names are reported; removed groups are stopped then removed', T, async () => {
    const p = logPort();
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

  it('open: http:// or unix:// only, then status', T, async () => {
    assert.deepEqual(await ctl('open ftp://x'), { out: ['ERROR: url must be http:// or unix://'], code: 1 });
    const r = await ctl('open unix:///other.sock');
    assert.ok(r.out.some((l) => l.startsWith('grp:running')));
    assert.equal(r.code, 0, 'open keeps the exit status it had');
  });
});
