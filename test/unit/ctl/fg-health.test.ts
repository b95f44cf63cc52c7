// ctl health (src/ctl/fg-health.ts): tend's own command, exit 0 or 1.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { FakePort } from '../server/fake-port';
import type { FakeServed } from '../server/fake-served';
import { ctl as run, disposePorts, logPort, T, type CtlResult } from './helpers';

afterEach(disposePorts);

const ctl = (line: string, p: FakePort | FakeServed = logPort()): Promise<CtlResult> => run(line, p);

describe('ctl health', () => {
  it('health: 0 when nothing failed, 1 naming what did', T, async () => {
    const r = await ctl('health');
    assert.equal(r.code, 1);
    assert.match(r.out[0] ?? '', /^unhealthy: backoff BACKOFF .*fatal FATAL .*notfound FATAL \(can't find command/);
    const p = new FakePort([{ name: 'web', processes: [{ name: 'web', state: 'RUNNING' }] }, { name: 'job', processes: [{ name: 'job', state: 'EXITED' }] }]);
    assert.deepEqual(await ctl('health', p), { out: ['healthy: 1 of 2 processes running, none failed'], code: 0 });
    p.mood = 'SHUTDOWN';
    assert.deepEqual(await ctl('health', p), { out: ['unhealthy: supervisord is shutting down'], code: 1 });
  });
});
