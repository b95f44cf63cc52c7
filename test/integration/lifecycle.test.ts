// As PID 1: a crash after RUNNING restarts at once; the autorestart rules; spawn errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureConf, lineTime, startInit } from './harness';

const HEAD = fixtureConf('info.conf');

const count = (lines: readonly string[], re: RegExp): number => lines.filter((l) => re.test(l)).length;
const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('a crash after RUNNING restarts at once, with no backoff', { timeout: 30_000 }, async () => {
  const init = startInit({
    config: `${HEAD}[program:crash]\ncommand=@BIN@/exit-with 1 1.2\nstartsecs=1\n`,
    deadlineMs: 25_000,
  });
  try {
    await init.waitFor(/success: crash entered RUNNING state/);
    const exited = await init.waitFor(/WARN exited: crash \(exit status 1; not expected\)/);
    const respawned = await init.waitForNth(/INFO spawned: 'crash' with pid \d+/, 2);
    assert.ok(lineTime(respawned) - lineTime(exited) < 500, `restart took ${lineTime(respawned) - lineTime(exited)} ms`);
    await init.waitForNth(/WARN exited: crash \(exit status 1; not expected\)/, 3, 10_000);
    assert.equal(count(init.output, /gave up: crash/), 0, 'a crash loop after RUNNING never goes FATAL');
    init.signal('SIGTERM');
    assert.equal((await init.exited).code, 0);
  } finally {
    await init.kill();
  }
});

test('autorestart: unexpected restarts only codes not in exitcodes; false never; true always', { timeout: 30_000 }, async () => {
  const config = `${HEAD}
[program:unexp]
command=@BIN@/exit-first-then 2 3 %(here)s/unexp.mark
exitcodes=0,3
startsecs=0
[program:never]
command=@BIN@/exit-first-then 2 2 %(here)s/never.mark
autorestart=false
startsecs=0
[program:always]
command=@BIN@/exit-with 0 0.3
autorestart=true
startsecs=0
`;
  const init = startInit({ config, deadlineMs: 25_000 });
  try {
    await init.waitFor(/WARN exited: unexp \(exit status 2; not expected\)/);
    await init.waitFor(/INFO exited: unexp \(exit status 3; expected\)/);
    await init.waitFor(/WARN exited: never \(exit status 2; not expected\)/);
    await init.waitForNth(/INFO exited: always \(exit status 0; expected\)/, 3);
    await settle(1000);
    assert.equal(count(init.output, /spawned: 'unexp'/), 2);
    assert.equal(count(init.output, /spawned: 'never'/), 1);
    init.signal('SIGTERM');
    assert.equal((await init.exited).code, 0);
  } finally {
    await init.kill();
  }
});

test('spawn errors: missing command, not executable, bad directory', { timeout: 30_000 }, async () => {
  const config = `${HEAD}
[program:missing]
command=/no/such/binary
startretries=0
[program:noexec]
command=%(here)s/plain.txt
startretries=0
[program:baddir]
command=@BIN@/exit-with 0
directory=/no/such/dir
startretries=0
`;
  const init = startInit({ config, files: { 'plain.txt': 'not a program\n' }, deadlineMs: 25_000 });
  try {
    await init.waitFor(/INFO spawnerr: can't find command '\/no\/such\/binary'/);
    await init.waitFor(/INFO gave up: missing entered FATAL state, too many start retries too quickly/);
    await init.waitFor(new RegExp(`INFO spawnerr: command at '${init.dir}/plain.txt' is not executable`));
    await init.waitFor(/INFO gave up: noexec entered FATAL state/);
    await init.waitFor(/couldn't chdir to \/no\/such\/dir: ENOENT/);
    await init.waitFor(/WARN exited: baddir \(exit status 127; not expected\)/);
    await init.waitFor(/INFO gave up: baddir entered FATAL state/);
    init.signal('SIGTERM');
    assert.equal((await init.exited).code, 0);
  } finally {
    await init.kill();
  }
});
