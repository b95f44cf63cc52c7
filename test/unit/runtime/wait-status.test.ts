// Decoding raw wait statuses, and the texts and codes made from them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { describeExit } from '../../../src/core/exit-status';
import { decodeWaitStatus, shellExitCode } from '../../../src/runtime/wait-status';

test('exited, signalled, core dumped', () => {
  assert.deepEqual(decodeWaitStatus(7, 0), { pid: 7, code: 0, signal: null, coreDumped: false });
  assert.deepEqual(decodeWaitStatus(7, 3 << 8), { pid: 7, code: 3, signal: null, coreDumped: false });
  assert.deepEqual(decodeWaitStatus(7, 255 << 8), { pid: 7, code: 255, signal: null, coreDumped: false });
  assert.deepEqual(decodeWaitStatus(7, 15), { pid: 7, code: null, signal: 15, coreDumped: false });
  assert.deepEqual(decodeWaitStatus(7, 11 | 0x80), { pid: 7, code: null, signal: 11, coreDumped: true });
});

test('texts (spec §3.7) and shell exit codes', () => {
  const t = (raw: number) => describeExit(decodeWaitStatus(1, raw));
  assert.equal(t(0), 'exit status 0');
  assert.equal(t(2 << 8), 'exit status 2');
  assert.equal(t(15), 'terminated by SIGTERM');
  assert.equal(t(9), 'terminated by SIGKILL');
  assert.equal(t(6 | 0x80), 'terminated by SIGABRT (core dumped)');
  assert.equal(shellExitCode(decodeWaitStatus(1, 42 << 8)), 42);
  assert.equal(shellExitCode(decodeWaitStatus(1, 15)), 143);
  assert.equal(shellExitCode(decodeWaitStatus(1, 10)), 138);
});

test('agrees with what Node decodes for real processes', () => {
  // spawnSync's status/signal come from libuv's own decoding of the same raw status
  const exited = spawnSync('sh', ['-c', 'exit 77']);
  assert.equal(exited.status, 77);
  const killed = spawnSync('sh', ['-c', 'kill -USR2 $$']);
  assert.equal(killed.signal, 'SIGUSR2');
  assert.equal(describeExit(decodeWaitStatus(1, 12)), 'terminated by SIGUSR2');
});
