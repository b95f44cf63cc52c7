// As PID 1: a program that exits too quickly is retried after 1 s, 2 s, 3 s, then FATAL; the
// restart floor; tend's backoff keys. Timing is read from the main log's own timestamps, with
// generous tolerances; rates are counted, never timed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fixtureConf, lineTime, startInit } from './harness';

const CONFIG_HEAD = fixtureConf('info.conf');

const CONFIG = `${CONFIG_HEAD}[program:early]
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

const SERVER = `
[unix_http_server]
file=%(here)s/tend.sock
[supervisorctl]
serverurl=unix://%(here)s/tend.sock
`;

/** resolves after ms: the window over which spawns are counted (not a wait for a state) */
const windowOf = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const lineCount = (file: string): number => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').length - 1 : 0);

test('startsecs=0 + autorestart=true exiting at once: about one spawn a second; the rest keeps running and ctl answers', { timeout: 40_000 }, async () => {
  const config = `${CONFIG_HEAD}${SERVER}
[program:storm]
command=/bin/sh -c 'echo spawn >> %(here)s/spawns; exit 1'
startsecs=0
autorestart=true
[program:steady]
command=sleep 1000
startsecs=0
`;
  const init = startInit({ config, deadlineMs: 35_000 });
  const spawns = path.join(init.dir, 'spawns');
  try {
    await init.waitFor(/success: steady entered RUNNING state/, 10_000);
    await init.waitForNth(/INFO spawned: 'storm' with pid \d+/, 2, 10_000);
    const before = lineCount(spawns);
    const window = windowOf(3000);
    const st = init.ctl(['status']);
    assert.match(st.stdout, /^steady +RUNNING +pid \d+/m, `ctl status during the storm:\n${st.stdout}${st.stderr}`);
    assert.match(st.stdout, /^storm +(EXITED .*; next attempt (in 1 s|now)|STARTING|RUNNING .*)$/m, st.stdout);
    await window;
    const n = lineCount(spawns) - before;
    assert.ok(n >= 1 && n <= 4, `${n} spawns in 3 s (at most one a second: 4 with both ends)`);
    assert.equal(init.ctl(['status', 'steady']).status, 0, 'steady still RUNNING');
    init.signal('SIGTERM');
    assert.equal((await init.exited).code, 0);
  } finally {
    await init.kill();
  }
});

test('backoff=exponential with backoff_max=2: waits 1, 2, 2, 2 s, shown in ctl status, then FATAL', { timeout: 40_000 }, async () => {
  const config = `${CONFIG_HEAD}${SERVER}
[program:flaky]
command=/bin/sh -c 'exit 1'
startsecs=1
startretries=4
backoff=exponential
backoff_max=2
`;
  const init = startInit({ config, deadlineMs: 35_000 });
  try {
    await init.waitForNth(/WARN exited: flaky \(exit status 1; not expected\)/, 2, 10_000);
    const st = init.ctl(['status', 'flaky']);
    assert.match(st.stdout, /^flaky +(BACKOFF +Exited too quickly \(process log may have details\); next attempt (in [12] s|now)|STARTING *)$/m, st.stdout);
    await init.waitFor(/INFO gave up: flaky entered FATAL state, too many start retries too quickly/, 20_000);
    const exits = init.output.filter((l) => /WARN exited: flaky \(exit status 1; not expected\)/.test(l));
    const spawned = init.output.filter((l) => /INFO spawned: 'flaky' with pid \d+/.test(l));
    assert.equal(spawned.length, 5);
    [1000, 2000, 2000, 2000].forEach((wait, n) => {
      const gap = lineTime(spawned[n + 1] as string) - lineTime(exits[n] as string);
      assert.ok(gap >= wait - 50, `retry ${n + 1} came ${gap} ms after the exit, before its ${wait} ms wait`);
    });
    init.signal('SIGTERM');
    assert.equal((await init.exited).code, 0);
  } finally {
    await init.kill();
  }
});

test('restart_backoff: a crash loop after RUNNING waits longer each time; ctl stop calls the pending restart off', { timeout: 60_000 }, async () => {
  const config = `${CONFIG_HEAD}${SERVER}
[program:crashy]
command=/bin/sh -c 'echo spawn >> %(here)s/spawns; sleep 1.2; exit 1'
startsecs=1
autorestart=true
restart_backoff=exponential
`;
  const init = startInit({ config, deadlineMs: 55_000 });
  try {
    await init.waitFor(/INFO restarting crashy in 4 s \(restart 3 in a row\)/, 25_000);
    const st = init.ctl(['status', 'crashy']);
    assert.match(st.stdout, /^crashy +EXITED +.*; next attempt in [1-4] s$/m, st.stdout);
    const stop = init.ctl(['stop', 'crashy']);
    assert.equal(stop.stdout.trim(), 'crashy: stopped', stop.stdout + stop.stderr);
    assert.match(init.ctl(['status', 'crashy']).stdout, /^crashy +STOPPED /m);
    const spawns = lineCount(path.join(init.dir, 'spawns'));
    assert.equal(spawns, 3);
    init.signal('SIGTERM');
    assert.equal((await init.exited).code, 0);
    assert.equal(lineCount(path.join(init.dir, 'spawns')), 3, 'no restart after the stop');
  } finally {
    await init.kill();
  }
});
