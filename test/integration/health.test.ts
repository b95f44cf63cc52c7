// As PID 1: `ctl health` (the HEALTHCHECK) and programs that exited: an exit code in exitcodes
// is fine, any other one is a failure, named with its reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureConf, startInit } from './harness';

const CONFIG = `${fixtureConf('with-socket.conf')}
[program:web]
command=sleep 1000
startsecs=0
[program:setup]
command=@BIN@/exit-with 0
startsecs=0
autorestart=false
[program:broken]
command=@BIN@/exit-with 3
startsecs=0
autorestart=false
autostart=false
`;

test('ctl health: an expected exit is healthy, exit 3 of an autorestart=false program is not', { timeout: 30_000 }, async () => {
  const init = startInit({ config: CONFIG, deadlineMs: 25_000 });
  try {
    await init.waitFor(/success: web entered RUNNING state/, 10_000);
    await init.waitFor(/INFO exited: setup \(exit status 0; expected\)/, 10_000);
    let h = init.ctl(['health']);
    assert.deepEqual([h.stdout, h.status], ['healthy: 1 of 3 processes running, none failed\n', 0], h.stderr);
    const start = init.ctl(['start', 'broken']);
    assert.equal(start.status, 0, start.stdout + start.stderr);
    await init.waitFor(/WARN exited: broken \(exit status 3; not expected\)/, 10_000);
    h = init.ctl(['health']);
    assert.deepEqual([h.stdout, h.status], ['unhealthy: broken EXITED unexpectedly (Bad exit code 3)\n', 1], h.stderr);
    init.signal('SIGTERM');
    assert.equal((await init.exited).code, 0);
  } finally {
    await init.kill();
  }
});
