// The ExitRouter: exits reach the generation running now, after the loop's I/O phase; exits
// that arrive between two generations wait for the next one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExitRouter } from '../../../src/runtime/exits';
import type { ExitStatus, Reaper } from '../../../src/runtime/types';

class ManualReaper implements Reaper {
  onExit: ((s: ExitStatus) => void) | null = null;
  passes = 0;
  start(onExit: (s: ExitStatus) => void): void { this.onExit = onExit; }
  reapNow(): void { this.passes += 1; }
  stop(): void { this.onExit = null; }
  exit(pid: number): void { this.onExit?.({ pid, code: 0, signal: null, coreDumped: false }); }
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

test('an exit is delivered on a later turn, not inside the reap pass', async () => {
  const real = new ManualReaper();
  const router = new ExitRouter(real);
  const got: number[] = [];
  router.forGeneration().start((s) => got.push(s.pid));
  real.exit(7);
  assert.deepEqual(got, [], 'not synchronously');
  await turn();
  assert.deepEqual(got, [7]);
});

test('between generations exits are kept, then handed to the next generation in order', async () => {
  const real = new ManualReaper();
  const router = new ExitRouter(real);
  const first: number[] = [];
  const gen1 = router.forGeneration();
  gen1.start((s) => first.push(s.pid));
  gen1.stop();
  real.exit(1);
  real.exit(2);
  await turn();
  assert.deepEqual(first, []);
  const second: number[] = [];
  const gen2 = router.forGeneration();
  gen2.start((s) => second.push(s.pid));
  assert.deepEqual(second, [1, 2]);
  gen2.reapNow();
  assert.equal(real.passes, 1);
});
