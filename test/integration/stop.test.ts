// As PID 1: stopwaitsecs then SIGKILL for a program that ignores SIGTERM; stopasgroup reaches
// grandchildren.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { lineTime, startInit } from './harness';

const HEAD = `
[supervisord]
logfile=/dev/null
loglevel=info
`;

// startsecs=1 everywhere: RUNNING then means the shell has had time to install its trap.
const IGNORE_TERM = `#!/bin/sh
trap '' TERM
while :; do sleep 0.1; done
`;

test('a program ignoring SIGTERM is SIGKILLed after stopwaitsecs', { timeout: 30_000 }, async () => {
  const config = `${HEAD}[program:stubborn]\ncommand=%(here)s/ignore-term.sh\nstartsecs=1\nstopwaitsecs=2\n`;
  const init = startInit({ config, files: { 'ignore-term.sh': IGNORE_TERM }, deadlineMs: 25_000 });
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

/** a shell that starts a grandchild; each notes the TERM it receives */
const PARENT = `#!/bin/sh
trap 'echo parent >> "$1"; exit 0' TERM
"$(dirname "$0")/child.sh" "$1" &
wait
`;
const CHILD = `#!/bin/sh
trap 'echo grandchild >> "$1"; exit 0' TERM
while :; do sleep 0.1; done
`;

test('stopasgroup sends the stop signal to the whole process group', { timeout: 30_000 }, async () => {
  const config = `${HEAD}[program:tree]\ncommand=%(here)s/parent.sh %(here)s/got\nstartsecs=1\nstopasgroup=true\nstopwaitsecs=5\n`;
  const init = startInit({ config, files: { 'parent.sh': PARENT, 'child.sh': CHILD }, deadlineMs: 25_000 });
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
