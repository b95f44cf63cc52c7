// The sweep of adopted processes over a fake host: SIGTERM, then SIGKILL after the grace (or
// at the shutdown deadline), done as soon as nothing is left.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import type { ProcEntry } from '../../../src/runtime/descendants';
import { OrphanSweep, type SweepHost } from '../../../src/runtime/orphans';

class Host implements SweepHost {
  procs: ProcEntry[] = [];
  readonly kills: [number, number][] = [];
  readonly lines: string[] = [];
  readonly log = { log: (level: string, text: string): void => { this.lines.push(`${level} ${text}`); } };
  /** pids that die of these signals */
  dieOn = new Set([15, 9]);
  kill(pid: number, signal: number): void {
    this.kills.push([pid, signal]);
  }
  list(): readonly ProcEntry[] {
    return this.procs;
  }
  now(): number {
    return Date.now();
  }
  add(pid: number, command: string, state = 'S'): void {
    this.procs.push({ pid, ppid: 1, command, state });
  }
  exit(sweep: OrphanSweep, pid: number, signal: number): void {
    this.procs = this.procs.filter((p) => p.pid !== pid);
    sweep.onExit({ pid, code: null, signal, coreDumped: false });
  }
}

beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'] }));
afterEach(() => mock.timers.reset());

test('nothing adopted: done at once, nothing signalled', async () => {
  const h = new Host();
  h.add(5, 'zombie', 'Z');
  const s = new OrphanSweep(h, 3000, null);
  s.start();
  await s.done;
  assert.deepEqual(h.kills, []);
});

test('SIGTERM to each; done on the last reaped exit, before the grace', async () => {
  const h = new Host();
  h.add(5, 'daemon -d');
  h.add(6, 'sleep 30');
  const s = new OrphanSweep(h, 3000, null);
  s.start();
  assert.deepEqual(h.kills, [[5, 15], [6, 15]]);
  h.exit(s, 5, 15);
  let done = false;
  void s.done.then(() => { done = true; });
  await Promise.resolve();
  assert.equal(done, false);
  h.exit(s, 6, 15);
  await s.done;
  assert.ok(h.lines.includes('INFO adopted process 5 (daemon -d) ended: terminated by SIGTERM'), h.lines.join('\n'));
});

test('one that ignores SIGTERM gets SIGKILL when the grace runs out; a newcomer is signalled too', async () => {
  const h = new Host();
  h.add(5, 'stubborn');
  const s = new OrphanSweep(h, 3000, null);
  s.start();
  h.add(8, 'forked meanwhile');
  h.exit(s, 99, 0); // some other exit: look again
  assert.deepEqual(h.kills, [[5, 15], [8, 15]]);
  mock.timers.tick(2999);
  assert.equal(h.kills.length, 2);
  mock.timers.tick(1);
  assert.deepEqual(h.kills.slice(2), [[5, 9], [8, 9]]);
  h.exit(s, 5, 9);
  h.exit(s, 8, 9);
  await s.done;
  assert.ok(h.lines.includes('WARN sending SIGKILL to adopted process 5 (stubborn)'));
});

test('the shutdown deadline comes first when it is nearer than the grace', async () => {
  const h = new Host();
  h.add(5, 'stubborn');
  const s = new OrphanSweep(h, 3000, Date.now() + 500);
  s.start();
  mock.timers.tick(500);
  assert.deepEqual(h.kills, [[5, 15], [5, 9]]);
  h.exit(s, 5, 9);
  await s.done;
});

test('a process that survives SIGKILL is named and tend still ends', async () => {
  const h = new Host();
  h.add(5, 'stuck in D');
  const s = new OrphanSweep(h, 100, null);
  s.start();
  mock.timers.tick(100);
  mock.timers.tick(1000);
  await s.done;
  assert.ok(h.lines.includes('CRIT still alive after SIGKILL: 5 (stuck in D)'), h.lines.join('\n'));
});
