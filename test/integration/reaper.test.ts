// As PID 1: tend's Reaper and Spawner under 1000 orphans, supervised children and Node
// child_process children at once (fixture test/fixtures/bin/reaper-stress.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastJson, runFixture } from './spawn-harness';

interface Report {
  pid: number;
  supervised: number;
  nodeChildren: number;
  orphans: number;
  zombies: number[];
  wrong: string[];
  nodeWrong: string[];
  stolen: number[];
  /** the fixture's children left at the end: 'pid state comm' */
  children: string[];
}

test('1000 orphans reaped, 0 zombies, every supervised exit once with its code, no Node exit stolen', { timeout: 60_000 }, async () => {
  const r = await runFixture('reaper-stress.ts', [], { deadlineMs: 55_000 }).done;
  assert.equal(r.code, 0, r.stderr);
  const report = lastJson<Report>(r);
  assert.equal(report.pid, 1);
  assert.deepEqual(report.zombies, []);
  assert.deepEqual(report.wrong, []);
  assert.deepEqual(report.nodeWrong, []);
  assert.deepEqual(report.stolen, []);
  assert.equal(report.orphans, 1000, `children left: ${report.children.join(', ')}`);
  assert.equal(report.supervised, 162);
  assert.equal(report.nodeChildren, 81);
});

test('control: a reaper that ignores the exclusion set steals Node\'s children (the test can see it)', { timeout: 60_000 }, async () => {
  const r = await runFixture('reaper-stress.ts', ['naive'], { deadlineMs: 55_000 }).done;
  assert.equal(r.code, 0, r.stderr);
  const report = lastJson<Report>(r);
  assert.ok(report.nodeWrong.length > 0, 'some Node child lost its exit event');
  assert.ok(report.orphans > 1000, 'Node children were reported as orphans');
});

test('not PID 1: the reaper makes tend a child subreaper and still reaps every orphan', { timeout: 60_000 }, async () => {
  const r = await runFixture('reaper-stress.ts', [], { deadlineMs: 55_000, pid1: false }).done;
  assert.equal(r.code, 0, r.stderr);
  const report = lastJson<Report>(r);
  assert.notEqual(report.pid, 1);
  assert.deepEqual(report.wrong, []);
  assert.deepEqual(report.nodeWrong, []);
  assert.equal(report.orphans, 1000, `children left: ${report.children.join(', ')}`);
});
