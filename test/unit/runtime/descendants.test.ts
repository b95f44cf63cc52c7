// Reading /proc/<pid>/stat and walking the parent tree.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { below, livingDescendants, parseStat, type ProcEntry } from '../../../src/runtime/descendants';

test('parseStat: a comm with spaces and parens', () => {
  assert.deepEqual(parseStat('123 (my (odd) cmd) S 45 123 123 0 -1 4194560 0'), { pid: 123, comm: 'my (odd) cmd', state: 'S', ppid: 45 });
  assert.equal(parseStat('garbage'), null);
});

test('below: breadth first, the root itself left out', () => {
  const e = (pid: number, ppid: number): ProcEntry => ({ pid, ppid, command: `p${pid}`, state: 'S' });
  const entries = [e(1, 0), e(7, 0), e(10, 1), e(11, 10), e(12, 1), e(13, 11), e(20, 7)];
  assert.deepEqual(below(1, entries).map((p) => p.pid), [10, 12, 11, 13]);
  assert.deepEqual(below(99, entries), []);
});

test('livingDescendants sees a real child and its grandchild, with command lines; skip is honoured', { timeout: 10_000 }, async () => {
  const child = spawn('sh', ['-c', 'sleep 5 & wait'], { stdio: 'ignore' });
  try {
    let seen: ProcEntry[] = [];
    for (let i = 0; i < 50; i++) {
      seen = livingDescendants(process.pid, new Set());
      if (seen.some((p) => p.command === 'sleep 5')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(seen.some((p) => p.pid === child.pid && p.command === 'sh -c sleep 5 & wait'), JSON.stringify(seen));
    assert.ok(seen.some((p) => p.command === 'sleep 5' && p.ppid === child.pid));
    assert.ok(!livingDescendants(process.pid, new Set([child.pid as number])).some((p) => p.pid === child.pid));
  } finally {
    child.kill('SIGKILL');
  }
});
