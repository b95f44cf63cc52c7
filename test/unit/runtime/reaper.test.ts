// The Reaper over a fake addon: whether orphans reach tend (PID 1 or a child subreaper) is
// known after start(), for the tini-style warning; exits are decoded and delivered once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NativeAddon, RawWait } from '../../../src/runtime/addon';
import { NativeReaper } from '../../../src/runtime/reaper';
import type { ExitStatus } from '../../../src/runtime/types';

function fakeAddon(subreaper: boolean, zombies: RawWait[] = []): NativeAddon {
  const fail = (): never => { throw new Error('not in this test'); };
  return {
    pipe: fail,
    spawn: fail,
    reapOrphans: () => zombies.splice(0),
    setChildSubreaper: () => subreaper,
    libuvChildPids: () => [],
    prefixLines: fail,
    growPipe: () => -1,
  };
}

test('adoptsOrphans: false when tend is not PID 1 and PR_SET_CHILD_SUBREAPER fails', () => {
  const reaper = new NativeReaper(fakeAddon(false));
  reaper.start(() => undefined);
  try {
    assert.equal(reaper.adoptsOrphans, process.pid === 1);
  } finally {
    reaper.stop();
  }
});

test('adoptsOrphans: true as a child subreaper', () => {
  const reaper = new NativeReaper(fakeAddon(true));
  reaper.start(() => undefined);
  try {
    assert.equal(reaper.adoptsOrphans, true);
  } finally {
    reaper.stop();
  }
});

test('a pass delivers each reaped status once, decoded', () => {
  const got: ExitStatus[] = [];
  const reaper = new NativeReaper(fakeAddon(true, [{ pid: 41, status: 3 << 8 }, { pid: 42, status: 9 }]));
  reaper.start((s) => got.push(s));
  try {
    reaper.reapNow();
    reaper.reapNow();
    assert.deepEqual(got, [
      { pid: 41, code: 3, signal: null, coreDumped: false },
      { pid: 42, code: null, signal: 9, coreDumped: false },
    ]);
  } finally {
    reaper.stop();
  }
});
