// The native addon's surface: loading, pipe(), the uv_walk view and the spawn hook's view of
// Node's own children, and that reapOrphans() never takes one of them.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { addonCandidates, loadAddon } from '../../../src/runtime/addon';
import { closeQuietly } from '../../../src/runtime/spawn/pipes';
import { installSpawnHook, liveNodeChildren } from '../../../src/runtime/spawn/hook';

const addon = loadAddon();

test('candidates: next to the bundle, then the node-gyp output from src/runtime and from dist', () => {
  assert.deepEqual(addonCandidates('/app/dist'), [
    '/app/dist/tend.node', '/build/Release/tend.node', '/app/build/Release/tend.node',
  ]);
  assert.ok(addonCandidates().some((p) => fs.existsSync(p)));
  assert.equal(path.basename(addonCandidates()[0] as string), 'tend.node');
});

test('pipe(): a real pipe, both ends close-on-exec', () => {
  const [r, w] = addon.pipe();
  try {
    assert.match(fs.readlinkSync(`/proc/self/fd/${r}`), /^pipe:\[\d+\]$/);
    assert.equal(fs.readlinkSync(`/proc/self/fd/${r}`), fs.readlinkSync(`/proc/self/fd/${w}`));
    for (const fd of [r, w]) {
      const flags = /flags:\s+(\d+)/.exec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1] ?? '0';
      assert.ok((parseInt(flags, 8) & 0o2000000) !== 0, `fd ${fd} has O_CLOEXEC`);
    }
    fs.writeSync(w, 'hi');
    const buf = Buffer.alloc(2);
    fs.readSync(r, buf);
    assert.equal(buf.toString(), 'hi');
  } finally {
    closeQuietly(r);
    closeQuietly(w);
  }
});

test('a Node child is seen by the hook and uv_walk until its exit, and is never reaped by us', async () => {
  installSpawnHook();
  const child = spawn('sh', ['-c', 'exit 42']);
  const pid = child.pid as number;
  assert.ok(liveNodeChildren().includes(pid));
  assert.ok(addon.libuvChildPids().includes(pid));
  // let it become a zombie while libuv cannot run, then reap as hard as we can
  const until = Date.now() + 200;
  while (Date.now() < until) { /* block the loop */ }
  assert.deepEqual(addon.reapOrphans(liveNodeChildren(), true), []);
  assert.deepEqual(addon.reapOrphans([], true), [], 'uv_walk alone protects it');
  assert.deepEqual(addon.reapOrphans([pid], false), [], 'the JS set alone protects it');
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 42);
  assert.equal(liveNodeChildren().includes(pid), false);
  assert.equal(addon.libuvChildPids().includes(pid), false);
});

test('setChildSubreaper() works when not PID 1', () => {
  assert.equal(addon.setChildSubreaper(), true);
});
