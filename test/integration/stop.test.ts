// As PID 1: stopwaitsecs then SIGKILL for a program that ignores SIGTERM; stopasgroup reaches
// grandchildren.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fixtureConf, lineTime, startInit } from './harness';

const HEAD = fixtureConf('info.conf');

// startsecs=1 everywhere: RUNNING then means the shell has had time to install its trap.

test('a program ignoring SIGTERM is SIGKILLed after stopwaitsecs', { timeout: 30_000 }, async () => {
  const config = `${HEAD}[program:stubborn]\ncommand=@BIN@/ignore-term\nstartsecs=1\nstopwaitsecs=2\n`;
  const init = startInit({ config, deadlineMs: 25_000 });
  try {
    await init.waitFor(/success: stubborn entered RUNNING/);
    init.signal('SIGTERM');
    const asked = await init.waitFor(/WARN received SIGTERM indicating exit request/);
    const killing = await init.waitFor(/WARN killing 'stubborn' \(\d+\) with SIGKILL/, 10_000);
    const gap = lineTime(killing) - lineTime(asked);
    assert.ok(gap >= 1950 && gap < 3500, `SIGKILL came ${gap} ms after the request`);
    await init.waitFor(/WARN stopped: stubborn \(terminated by SIGKILL\)/);
    assert.equal((await init.exited).code, 0);
  } finally {
    await init.kill();
  }
});

test('stopasgroup sends the stop signal to the whole process group', { timeout: 30_000 }, async () => {
  const config = `${HEAD}[program:tree]\ncommand=@BIN@/fork-grandchild %(here)s/got\nstartsecs=1\nstopasgroup=true\nstopwaitsecs=5\n`;
  const init = startInit({ config, deadlineMs: 25_000 });
  try {
    await init.waitFor(/success: tree entered RUNNING/);
    init.signal('SIGTERM');
    await init.waitFor(/INFO stopped: tree \(exit status 0\)/);
    assert.equal((await init.exited).code, 0);
    const got = fs.readFileSync(path.join(init.dir, 'got'), 'utf8').trim().split('\n').sort();
    assert.deepEqual(got, ['grandchild', 'parent']);
    assert.ok(!init.output.some((l) => l.includes('SIGKILL')));
  } finally {
    await init.kill();
  }
});
