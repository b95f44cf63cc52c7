// As PID 1: shutdown_on ends tend through the ordered shutdown with the program's exit code;
// an ordinary SIGTERM still exits 0; the shutdown_timeout cuts a TERM-ignoring program short.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { FIXTURES, fixtureConf, lineTime, startInit } from './harness';

const BIN = path.join(FIXTURES, 'bin');

function config(policy: string, command: string, extra = ''): string {
  return `[supervisord]\nlogfile=/dev/null\n[unix_http_server]\nfile=%(here)s/tend.sock\n`
    + `[program:app]\ncommand=${command}\nshutdown_on=${policy}\nstartsecs=0\nautorestart=true\npriority=10\n${extra}`
    + `[program:other]\ncommand=sleep 60\nstartsecs=0\npriority=5\n`;
}

const CASES: readonly { policy: string; command: string; code: number; extra?: string }[] = [
  { policy: 'exit', command: `${BIN}/exit-with 0 0.3`, code: 0 },
  { policy: 'exit', command: `${BIN}/exit-with 42 0.3`, code: 42 },
  { policy: 'unexpected', command: `${BIN}/exit-with 1 0.3`, code: 1 },
  { policy: 'unexpected', command: `${BIN}/exit-with 42 0.3`, code: 42, extra: 'exitcodes=0,1\n' },
  { policy: 'unexpected', command: "sh -c 'sleep 0.3; kill -KILL $$'", code: 137 },
  { policy: 'exit', command: "sh -c 'sleep 0.3; kill -TERM $$'", code: 143 },
];

for (const c of CASES) {
  test(`shutdown_on=${c.policy}: '${c.command}' ends tend with ${c.code}, other programs stopped in order`, { timeout: 30_000 }, async () => {
    const init = startInit({ config: config(c.policy, c.command, c.extra), deadlineMs: 25_000 });
    try {
      await init.waitFor(/INFO shutting down: app exited/, 15_000);
      const exit = await init.exited;
      assert.equal(exit.code, c.code, init.output.join('\n'));
      assert.ok(init.output.some((l) => /stopped: other \(terminated by SIGTERM\)/.test(l)), 'other was stopped');
      assert.equal(init.output.filter((l) => /spawned: 'app'/.test(l)).length, 1, 'app was not restarted');
    } finally {
      await init.kill();
    }
  });
}

test('shutdown_on=unexpected: an expected exit restarts as autorestart says; tend goes on', { timeout: 30_000 }, async () => {
  const init = startInit({ config: config('unexpected', `${BIN}/exit-with 0 0.2`), deadlineMs: 25_000 });
  try {
    await init.waitForNth(/spawned: 'app'/, 3, 15_000);
    init.signal('SIGTERM');
    assert.equal((await init.exited).code, 0, 'an ordinary SIGTERM exits 0');
  } finally {
    await init.kill();
  }
});

test('shutdown_on=fatal: FATAL after startretries ends tend with the last exit code', { timeout: 30_000 }, async () => {
  const init = startInit({
    config: config('fatal', `${BIN}/exit-with 3`, 'startsecs=5\nstartretries=1\n').replace('startsecs=0\nautorestart', 'autorestart'),
    deadlineMs: 25_000,
  });
  try {
    await init.waitFor(/gave up: app entered FATAL state/, 15_000);
    assert.equal((await init.exited).code, 3, init.output.join('\n'));
    await init.waitFor(/INFO shutting down: app entered FATAL state and its shutdown_on is fatal; tend will exit with code 3/);
  } finally {
    await init.kill();
  }
});

test('shutdown_timeout cuts the shutdown short: a TERM-ignoring program in the middle group is killed and named', { timeout: 30_000 }, async () => {
  const program = (name: string, priority: number, command: string): string =>
    `[program:${name}]\ncommand=${command}\npriority=${priority}\nstartsecs=1\nstopwaitsecs=60\n`;
  const init = startInit({
    config: `[supervisord]\nlogfile=/dev/null\nshutdown_timeout=2\n[unix_http_server]\nfile=%(here)s/tend.sock\n`
      + program('front', 30, 'sleep 60') + program('stubborn', 20, `${BIN}/ignore-term`) + program('db', 10, 'sleep 60'),
    deadlineMs: 25_000,
  });
  try {
    for (const n of ['front', 'stubborn', 'db']) await init.waitFor(new RegExp(`success: ${n} entered RUNNING`));
    init.signal('SIGTERM');
    const got = await init.waitFor(/WARN received SIGTERM/);
    const cut = await init.waitFor(/WARN shutdown_timeout \(2 s\) ran out: killing stubborn \(STOPPING\), db \(RUNNING\)/, 10_000);
    assert.equal((await init.exited).code, 0);
    const waited = lineTime(cut) - lineTime(got);
    assert.ok(waited >= 1900 && waited < 5000, `the deadline ran out after ${waited} ms`);
    await init.waitFor(/stopped: stubborn \(terminated by SIGKILL\)/);
    await init.waitFor(/stopped group front in \d+ ms/);
    await init.waitFor(/stopped group stubborn in \d+ ms/);
  } finally {
    await init.kill();
  }
});

test('a reload (SIGHUP) and ctl shutdown keep the shutdown_timeout too', { timeout: 40_000 }, async () => {
  const init = startInit({
    config: `[supervisord]\nlogfile=/dev/null\nshutdown_timeout=1\n[unix_http_server]\nfile=%(here)s/tend.sock\n`
      + `[program:stubborn]\ncommand=${BIN}/ignore-term\nstartsecs=1\nstopwaitsecs=60\n`,
    deadlineMs: 35_000,
  });
  try {
    await init.waitFor(/success: stubborn entered RUNNING/);
    init.signal('SIGHUP');
    await init.waitFor(/WARN shutdown_timeout \(1 s\) ran out: killing stubborn \(STOPPING\)/, 10_000);
    await init.waitForNth(/success: stubborn entered RUNNING/, 2, 10_000);
    const r = init.ctl(['shutdown']);
    assert.equal(r.status, 0, r.stderr);
    await init.waitForNth(/WARN shutdown_timeout \(1 s\) ran out: killing stubborn \(STOPPING\)/, 2, 10_000);
    assert.equal((await init.exited).code, 0);
  } finally {
    await init.kill();
  }
});

test('issue-712.conf: a crashing program ends tend with its code, not restarted (supervisor #712)', { timeout: 30_000 }, async () => {
  const init = startInit({ config: fixtureConf('issue-712.conf'), deadlineMs: 25_000 });
  try {
    assert.equal((await init.exited).code, 42, init.output.join('\n'));
    assert.ok(init.output.some((l) => /INFO stopped: other \(terminated by SIGTERM\)|WARN stopped: other \(terminated by SIGTERM\)/.test(l)));
    assert.equal(init.output.filter((l) => /spawned: 'app'/.test(l)).length, 1);
  } finally {
    await init.kill();
  }
});
