// As PID 1: 1000 orphans from short-lived shells leave no zombie behind, while every
// supervised program's exit is still reported once, with its own exit code.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { startInit } from './harness';

/** host-side pids of the zombie children of pid */
function zombieChildren(pid: number): number[] {
  const out: number[] = [];
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z' && Number(fields[1]) === pid) out.push(Number(e));
    } catch { /* gone */ }
  }
  return out;
}

// 100 shells, each leaving 10 orphans that end in different ways. The one that dies of SIGKILL
// kills itself once its parent subshell is gone: a subshell that ran `kill` itself might reap
// its own child first (dash checks for finished jobs after a builtin), and tend would never see it.
const FACTORY = `i=0; while [ $i -lt 100 ]; do sh -c '(true &); (exit 3 &); (sleep 0.01 &); (sleep 0.2 &); (@BIN@/kill-self 0.05 &); (exit 9 &); (true &); (sleep 0.05 &); (exit 1 &); (true &); exit 0'; i=$((i+1)); done; exit 0`;

const CONFIG = `
[supervisord]
logfile=/dev/null
loglevel=info
[unix_http_server]
file=%(here)s/tend.sock
[program:factory]
command=sh -c "${FACTORY}"
startsecs=0
autorestart=false
[program:code]
command=@BIN@/exit-with %(process_num)d 0.%(process_num)d
process_name=code_%(process_num)d
numprocs=10
startsecs=0
autorestart=false
exitcodes=0
[program:steady]
command=sleep 1000
`;

test('1000 orphans leave 0 zombies and every supervised exit keeps its code', { timeout: 60_000 }, async () => {
  const init = startInit({ config: CONFIG, deadlineMs: 55_000 });
  try {
    await init.waitFor(/exited: factory \(exit status 0; expected\)/, 40_000);
    for (let n = 0; n < 10; n++) {
      const expected = n === 0 ? 'exit status 0; expected' : `exit status ${n}; not expected`;
      await init.waitFor(new RegExp(`exited: code_${n} \\(${expected.replace(/[()]/g, '\\$&')}\\)`));
    }
    // the slowest orphans sleep 0.2 s after their shell is gone: wait for all 1000 to be reaped
    const reapedLines = (): string[] =>
      init.output.filter((l) => /INFO reaped unknown pid \d+ \((exit status \d+|terminated by SIG\w+)\)/.test(l));
    await init.waitForNth(/INFO reaped unknown pid/, 1000, 10_000);
    const zombies = zombieChildren(init.initPid());
    assert.deepEqual(zombies, [], 'no zombie is left under the init');
    assert.ok(reapedLines().length >= 1000, `reaped ${reapedLines().length} orphans`);
    for (let n = 0; n < 10; n++) {
      const lines = init.output.filter((l) => l.includes(`exited: code_${n} `));
      assert.equal(lines.length, 1, `code_${n} exit reported once`);
    }
    assert.ok(init.output.some((l) => /reaped unknown pid \d+ \(terminated by SIGKILL\)/.test(l)));
    assert.ok(init.output.some((l) => /reaped unknown pid \d+ \(exit status 9\)/.test(l)));
    init.signal('SIGTERM');
    const exit = await init.exited;
    assert.equal(exit.code, 0);
  } finally {
    await init.kill();
  }
});
