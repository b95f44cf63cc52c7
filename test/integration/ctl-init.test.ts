// ctl and the real supervisorctl 4.2.5, side by side against the same running init (PID 1):
// same text, same exit codes. Also: with no server in the config, ctl needs no flags.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { CTL, fixtureConf, NODE, startInit, type InitRun } from './harness';

const SUPERVISORCTL = '/usr/bin/supervisorctl';
const skip = fs.existsSync(SUPERVISORCTL) ? false : 'supervisorctl is not installed';

const CONFIG = fixtureConf('ctl-twins.conf');

interface Result { readonly out: string; readonly code: number | null }

function run(cmd: string, args: readonly string[], init: InitRun): Result {
  const r = spawnSync(cmd, [...args], { cwd: init.dir, encoding: 'utf8', timeout: 15_000 });
  return { out: r.stdout + r.stderr, code: r.status };
}

const sock = (init: InitRun): string => `unix://${init.dir}/tend.sock`;
const ours = (init: InitRun, args: readonly string[]): Result => run(NODE, [CTL, '-s', sock(init), ...args], init);
const theirs = (init: InitRun, args: readonly string[]): Result => run(SUPERVISORCTL, ['-s', sock(init), ...args], init);
/** uptimes may tick between the two calls */
const norm = (r: Result): Result => ({ out: r.out.replace(/uptime \d+:\d\d:\d\d/g, 'uptime T'), code: r.code });

test('read-only commands: the same output and exit code', { skip, timeout: 60_000 }, async () => {
  const init = startInit({ config: CONFIG, deadlineMs: 55_000 });
  try {
    await init.waitFor(/gave up: gone entered FATAL state/);
    await init.waitFor(/success: web_01 entered RUNNING state/);
    const commands = [
      ['status'], ['status', 'ours'], ['status', 'idle'], ['status', 'gone'], ['status', 'web:*'],
      ['status', 'nosuch'], ['status', 'nog:*'], ['pid', 'ours'], ['pid', 'idle'], ['pid', 'nosuch'],
      ['version'], ['start', 'gone'], ['start', 'nosuch'], ['stop', 'idle'], ['signal', 'BADSIG', 'ours'],
      ['signal', 'HUP', 'idle'], ['start', 'ours'],
    ];
    for (const c of commands) {
      assert.deepEqual(norm(ours(init, c)), norm(theirs(init, c)), `ctl ${c.join(' ')}`);
    }
  } finally {
    await init.kill();
  }
});

test('commands that change state: the same output for twin programs', { skip, timeout: 60_000 }, async () => {
  const init = startInit({ config: CONFIG, deadlineMs: 55_000 });
  try {
    await init.waitFor(/success: theirs entered RUNNING state/);
    const steps = [['stop', 'X'], ['stop', 'X'], ['start', 'X'], ['restart', 'X'], ['signal', 'USR2', 'X'], ['signal', 'TERM', 'X']];
    for (const s of steps) {
      const a = ours(init, s.map((w) => (w === 'X' ? 'ours' : w)));
      const b = theirs(init, s.map((w) => (w === 'X' ? 'theirs' : w)));
      assert.deepEqual(norm({ out: a.out.replaceAll('ours', 'X'), code: a.code }), norm({ out: b.out.replaceAll('theirs', 'X'), code: b.code }), s.join(' '));
    }
    // both killed by TERM with autorestart=unexpected: restarted at once
    await init.waitForNth(/spawned: 'ours' with pid/, 3);
    await init.waitForNth(/spawned: 'theirs' with pid/, 3);
    const web1 = ours(init, ['restart', 'web:*']);
    assert.equal(web1.code, 0);
    assert.equal(web1.out, 'web:web_00: stopped\nweb:web_01: stopped\nweb:web_00: started\nweb:web_01: started\n');
    const down = theirs(init, ['shutdown']);
    assert.deepEqual(down, { out: 'Shut down\n', code: 0 });
    assert.equal((await init.exited).code, 0);
    const after = ours(init, ['status']);
    assert.equal(after.code, 4);
    assert.equal(after.out, `${sock(init)} no such file\n`);
  } finally {
    await init.kill();
  }
});

test('no server in the config: ctl finds tend\'s default socket without flags', { timeout: 30_000 }, async () => {
  const init = startInit({ config: '[supervisord]\nlogfile=/dev/null\n[program:solo]\ncommand=sleep 1000\nstartsecs=0\n', deadlineMs: 25_000 });
  try {
    await init.waitFor(/success: solo entered RUNNING state/);
    const m = /serving unix:\/\/(\S+)/.exec(init.output.join('\n'));
    assert.ok(m, 'the init names its default socket');
    assert.equal(fs.statSync(m[1] as string).mode & 0o777, 0o700);
    const r = spawnSync(NODE, [CTL, 'status'], { cwd: '/', encoding: 'utf8', timeout: 15_000, env: { PATH: process.env.PATH ?? '' } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^solo +RUNNING +pid \d+, uptime /);
  } finally {
    await init.kill();
  }
});
