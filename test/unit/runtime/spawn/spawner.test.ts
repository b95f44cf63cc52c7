// The Spawner's parent side: check() faults, and the spawnerr of pipe and fork failures
// (a fake addon fails on demand; no fd may leak on any failure path).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { loadAddon, type NativeAddon, type NativeSpawnOptions } from '../../../../src/runtime/addon';
import { forkErrorText, pipeErrorText } from '../../../../src/runtime/spawn/errors';
import { NativeSpawner } from '../../../../src/runtime/spawn/spawner';
import { proc } from '../../core/config-factory';
import { pipeOutput } from '../../../fixtures/pipe-output';

const CTX = { baseEnv: { PATH: '/usr/bin:/bin' }, serverUrl: null };
const real = loadAddon();

function errno(code: string): Error {
  return Object.assign(new Error(`fake: ${code}`), { code });
}

/** A real addon whose pipe() fails on call number failPipeAt, and whose spawn() fails with forkCode. */
function fake(failPipeAt: number | null, pipeCode: string, forkCode: string | null) {
  const fds: number[] = [];
  let pipes = 0;
  let spawned: NativeSpawnOptions | null = null;
  const addon: NativeAddon = {
    ...real,
    pipe() {
      if (++pipes === failPipeAt) throw errno(pipeCode);
      const p = real.pipe();
      fds.push(...p);
      return p;
    },
    spawn(opts) {
      spawned = opts;
      if (forkCode) throw errno(forkCode);
      return 4242;
    },
  };
  return { addon, fds, spawned: () => spawned };
}

function isOpen(fd: number): boolean {
  try {
    fs.fstatSync(fd);
    return true;
  } catch {
    return false;
  }
}

test('check(): ok, NO_FILE and NOT_EXECUTABLE with their texts', () => {
  const s = new NativeSpawner(real);
  assert.deepEqual(s.check(proc('a', { command: 'sh -c true' }), CTX), { ok: true });
  assert.deepEqual(s.check(proc('a', { command: '/no/such/binary' }), CTX), { ok: false, fault: 'NO_FILE', text: "can't find command '/no/such/binary'" });
  assert.deepEqual(s.check(proc('a', { command: '/etc/passwd' }), CTX), { ok: false, fault: 'NOT_EXECUTABLE', text: "command at '/etc/passwd' is not executable" });
  assert.deepEqual(s.check(proc('a', { command: '"unterminated' }), CTX), {
    ok: false, fault: 'NOT_EXECUTABLE', text: `can't parse command '"unterminated': No closing quotation`,
  });
});

test('check(): the program environment PATH is searched before tend\'s', () => {
  const s = new NativeSpawner(real);
  assert.deepEqual(s.check(proc('a', { command: 'sh', environment: { PATH: '/nonexistent' } }), CTX), {
    ok: false, fault: 'NO_FILE', text: "can't find command 'sh'",
  });
  assert.deepEqual(s.check(proc('a', { command: 'sh' }), { baseEnv: { PATH: '/nonexistent' }, serverUrl: null }), {
    ok: false, fault: 'NO_FILE', text: "can't find command 'sh'",
  });
  // no PATH at all: /bin:/usr/bin:/usr/local/bin
  assert.deepEqual(s.check(proc('a', { command: 'sh' }), { baseEnv: {}, serverUrl: null }), { ok: true });
});

test('spawn() returns the check failure as spawnerr without touching the addon', () => {
  const f = fake(null, '', null);
  assert.deepEqual(new NativeSpawner(f.addon).spawn(proc('a', { command: '' }), CTX, pipeOutput()), { ok: false, spawnerr: 'command is empty' });
  assert.equal(f.spawned(), null);
});

test('pipe failures: EMFILE -> too many open files; other errors named; no fd leaks', () => {
  for (const [at, code, text] of [
    [1, 'EMFILE', "too many open files to spawn 'web'"],
    [2, 'EMFILE', "too many open files to spawn 'web'"],
    [3, 'ENFILE', "unknown error making dispatchers for 'web': ENFILE"],
  ] as const) {
    const f = fake(at, code, null);
    const out = new NativeSpawner(f.addon).spawn(proc('web', { command: 'sh -c true' }), CTX, pipeOutput());
    assert.deepEqual(out, { ok: false, spawnerr: text });
    assert.equal(f.fds.filter(isOpen).length, 0, `${code} at pipe ${at}`);
  }
});

test('fork failures: EAGAIN -> process table full, others named; every pipe fd closed', () => {
  for (const [code, text] of [
    ['EAGAIN', "Too many processes in process table to spawn 'web'"],
    ['ENOMEM', "unknown error during fork for 'web': ENOMEM"],
  ] as const) {
    const f = fake(null, '', code);
    const out = new NativeSpawner(f.addon).spawn(proc('web', { command: 'sh -c true' }), CTX, pipeOutput());
    assert.deepEqual(out, { ok: false, spawnerr: text });
    assert.equal(f.fds.length, 6);
    assert.equal(f.fds.filter(isOpen).length, 0);
  }
});

test('what the addon is asked for: resolved file, argv as split, own group, user, cwd, umask, stdio', () => {
  const f = fake(null, '', null);
  const user = { spec: 'nobody', name: 'nobody', uid: 65534, gid: 65534, groups: [65534, 7], home: '/nonexistent' };
  const output = pipeOutput();
  const out = new NativeSpawner(f.addon).spawn(
    proc('web', { command: "sh -c 'exit 3'", redirect_stderr: true, user, directory: '/tmp', umask: 0o027 }),
    CTX,
    output,
  );
  assert.equal(out.ok, true);
  const o = f.spawned();
  assert.ok(o);
  assert.equal(o.file, fs.existsSync('/usr/bin/sh') ? '/usr/bin/sh' : '/bin/sh');
  assert.deepEqual(o.argv, ['sh', '-c', 'exit 3']);
  assert.equal(o.setpgid, true);
  assert.deepEqual(o.user, user);
  assert.equal(o.cwd, '/tmp');
  assert.equal(o.umask, 0o027);
  assert.ok(o.envp.includes('SUPERVISOR_PROCESS_NAME=web'));
  // redirect_stderr: two pipes, the child's fd 2 is the stdout pipe's write end
  assert.equal(f.fds.length, 4);
  assert.equal(o.stdio[1], o.stdio[2]);
  // the child's ends are closed in the parent; the parent's ends live in sockets
  assert.equal(isOpen(o.stdio[0]), false);
  assert.equal(isOpen(o.stdio[1]), false);
  if (out.ok) {
    assert.equal(output.sockets.stderr, undefined);
    out.child.stdin.destroy();
    output.sockets.stdout?.destroy();
  }
  assert.deepEqual([pipeErrorText('x', 'EIO'), forkErrorText('x', 'EAGAIN')], [
    "unknown error making dispatchers for 'x': EIO", "Too many processes in process table to spawn 'x'",
  ]);
});
