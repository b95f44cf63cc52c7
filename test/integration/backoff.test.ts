// As PID 1: a program that exits too quickly is retried after 1 s, 2 s, 3 s, then FATAL.
// Timing is read from the main log's own timestamps, with generous tolerances.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureConf, lineTime, startInit } from './harness';

const CONFIG = `${fixtureConf('info.conf')}[program:early]
command=@BIN@/exit-with 1
startsecs=1
startretries=3
`;

test('early exits: BACKOFF 1 s, 2 s, 3 s, then FATAL after startretries+1 tries', { timeout: 30_000 }, async () => {
  const init = startInit({ config: CONFIG, deadlineMs: 25_000 });
  try {
    await init.waitFor(/INFO gave up: early entered FATAL state, too many start retries too quickly/, 15_000);
    const exits = init.output.filter((l) => /WARN exited: early \(exit status 1; not expected\)/.test(l));
    const spawns = init.output.filter((l) => /INFO spawned: 'early' with pid \d+/.test(l));
    assert.equal(spawns.length, 4);
    assert.equal(exits.length, 4);
    for (let n = 1; n <= 3; n++) {
      const gap = lineTime(spawns[n] as string) - lineTime(exits[n - 1] as string);
      assert.ok(gap >= n * 1000 - 50 && gap < n * 1000 + 900, `retry ${n} came ${gap} ms after the exit`);
    }
    init.signal('SIGTERM');
    assert.equal((await init.exited).code, 0);
  } finally {
    await init.kill();
  }
});
