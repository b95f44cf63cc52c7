// A program that restarts again and again must not cost tend a file descriptor per spawn. Each
// process restarts at most once a second (the restart floor), so 20 of them make the 100 spawns.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { startInit } from './harness';

const CONFIG = `
[supervisord]
logfile=/dev/null
[unix_http_server]
file=%(here)s/tend.sock
[program:again]
command=@BIN@/exit-with 0 0.02
process_name=%(program_name)s_%(process_num)02d
numprocs=20
startsecs=0
autorestart=true
`;

test('100 restarts leave tend with the file descriptors it started with', { timeout: 60_000 }, async () => {
  const init = startInit({ config: CONFIG, deadlineMs: 55_000 });
  try {
    await init.waitForNth(/INFO spawned: 'again_\d\d'/, 20, 20_000);
    const before = fs.readdirSync(`/proc/${init.initPid()}/fd`).length;
    await init.waitForNth(/INFO spawned: 'again_\d\d'/, 120, 40_000);
    const after = fs.readdirSync(`/proc/${init.initPid()}/fd`).length;
    assert.ok(after <= before + 4, `fds went from ${before} to ${after} over 100 spawns`);
  } finally {
    await init.kill();
  }
});
