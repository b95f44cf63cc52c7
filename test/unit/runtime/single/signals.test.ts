// Which signals single-program mode forwards (tini's set), and that forwarding reaches the target.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import { test } from 'node:test';
import { SIGNALS, type SignalName } from '../../../../src/common/signals';
import { FORWARDED, SWALLOWED, forwardSignals } from '../../../../src/runtime/single/signals';

test('every catchable signal is forwarded except CHLD and the synchronous ones; TTIN/TTOU are swallowed', () => {
  const all = Object.keys(SIGNALS) as SignalName[];
  const kept = ['KILL', 'STOP', 'CHLD', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'SEGV', 'SYS', 'TTIN', 'TTOU'];
  assert.deepEqual([...FORWARDED].sort(), all.filter((s) => !kept.includes(s)).sort());
  assert.deepEqual([...SWALLOWED], ['TTIN', 'TTOU']);
  for (const s of [...FORWARDED, ...SWALLOWED]) assert.ok(`SIG${s}` in os.constants.signals, s);
});

test('a signal sent to us reaches the target; uninstalling removes every listener', async () => {
  const before = process.listenerCount('SIGURG');
  const child = spawn('sh', ['-c', 'trap "exit 12" URG; echo ready; while :; do sleep 0.05; done']);
  await new Promise((resolve) => child.stdout.once('data', resolve));
  const off = forwardSignals(() => child.pid ?? null);
  const code = new Promise((resolve) => child.on('exit', resolve));
  process.kill(process.pid, 'SIGURG'); // not USR2: on some Node versions that writes a diagnostic report
  assert.equal(await code, 12);
  off();
  assert.equal(process.listenerCount('SIGURG'), before);
});
