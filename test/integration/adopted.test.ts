// As PID 1: after the programs have stopped, what tend adopted gets SIGTERM, then SIGKILL after
// adopted_stopwaitsecs; tend exits as soon as none is left (no fixed wait for pipes).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { FIXTURES, lineTime, startInit } from './harness';

const BIN = path.join(FIXTURES, 'bin');

test('a grandchild holding the pipe gets SIGTERM; tend exits 0 without waiting for the pipe', { timeout: 30_000 }, async () => {
  const init = startInit({
    config: `[supervisord]\nlogfile=/dev/null\n[unix_http_server]\nfile=%(here)s/tend.sock\n[program:web]\ncommand=sh -c "sleep 30 & echo ready; exec sleep 60"\nstartsecs=0\n`,
    deadlineMs: 25_000,
  });
  try {
    await init.waitFor(/^web \| ready$/); // the grandchild is there
    init.signal('SIGTERM');
    const got = await init.waitFor(/WARN received SIGTERM/, 10_000);
    assert.equal((await init.exited).code, 0);
    await init.waitFor(/INFO sending SIGTERM to adopted process \d+ \(sleep 30\)/);
    await init.waitFor(/INFO adopted process \d+ \(sleep 30\) ended: terminated by SIGTERM/);
    // the main log's own clock: from SIGTERM to the last line, no 1 s drain wait
    const last = init.output.filter((l) => /^\d{4}-/.test(l)).at(-1) as string;
    const took = lineTime(last) - lineTime(got);
    assert.ok(took < 900, `SIGTERM to the last log line took ${took} ms:\n${init.output.join('\n')}`);
  } finally {
    await init.kill();
  }
});

test('a double-forked daemon that traps SIGTERM runs its handler before tend exits', { timeout: 30_000 }, async () => {
  const init = startInit({
    config: `[supervisord]\nlogfile=/dev/null\n[unix_http_server]\nfile=%(here)s/tend.sock\n[program:starter]\ncommand=${BIN}/daemonize %(here)s/flag\nstartsecs=0\nautorestart=false\n`,
    deadlineMs: 25_000,
  });
  try {
    await init.waitFor(/exited: starter \(exit status 0; expected\)/);
    const pidFile = path.join(init.dir, 'flag.pid');
    for (let i = 0; i < 100 && !fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(fs.existsSync(pidFile), 'the daemon did not start within 5 s');
    init.signal('SIGTERM');
    assert.equal((await init.exited).code, 0);
    assert.equal(fs.readFileSync(path.join(init.dir, 'flag'), 'utf8'), 'term\n', 'the daemon saw SIGTERM before tend exited');
    assert.ok(init.output.some((l) => /adopted process \d+ \(sh -c .*\) ended: exit status 0/.test(l)), init.output.join('\n'));
  } finally {
    await init.kill();
  }
});

test('an adopted process that ignores SIGTERM is killed after adopted_stopwaitsecs', { timeout: 30_000 }, async () => {
  const init = startInit({
    config: `[supervisord]\nlogfile=/dev/null\nadopted_stopwaitsecs=1\n[unix_http_server]\nfile=%(here)s/tend.sock\n`
      + `[program:starter]\ncommand=${BIN}/daemonize %(here)s/flag ignore\nstartsecs=0\nautorestart=false\n`,
    deadlineMs: 25_000,
  });
  try {
    await init.waitFor(/exited: starter/);
    const pidFile = path.join(init.dir, 'flag.pid');
    for (let i = 0; i < 100 && !fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(fs.existsSync(pidFile), 'the daemon did not start within 5 s');
    init.signal('SIGTERM');
    const term = await init.waitFor(/INFO sending SIGTERM to adopted process/, 10_000);
    const kill = await init.waitFor(/WARN sending SIGKILL to adopted process/, 10_000);
    await init.waitFor(/adopted process \d+ \(sh -c .*\) ended: terminated by SIGKILL/, 10_000);
    assert.equal((await init.exited).code, 0);
    const grace = lineTime(kill) - lineTime(term);
    assert.ok(grace >= 900, `SIGKILL came ${grace} ms after SIGTERM, before adopted_stopwaitsecs=1`);
    assert.equal(fs.existsSync(path.join(init.dir, 'flag')), false);
  } finally {
    await init.kill();
  }
});
