// What a child forked by the Spawner gets (spec §3.5): its own process group, default signal
// dispositions, real pipes, the fds, umask, directory, user with supplementary groups,
// HOME/USER/LOGNAME, SUPERVISOR_* — and supervisord's texts when the child side fails.
// Runs in the test process itself (a child subreaper), reaping with tend's Reaper.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { ProcessConfig, UserSpec } from '../../src/config/types';
import { NativeReaper } from '../../src/runtime/reaper';
import { createSpawner } from '../../src/runtime/spawn/spawner';
import type { ExitStatus, SpawnContext } from '../../src/runtime/types';
import { proc } from '../unit/core/config-factory';
import { pipeOutput } from '../fixtures/pipe-output';
import { BIN } from './spawn-harness';

const CTX: SpawnContext = { baseEnv: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/root', USER: 'root' }, serverUrl: 'unix:///tmp/tend-test.sock' };
const NOBODY: UserSpec = { spec: 'nobody', name: 'nobody', uid: 65534, gid: 65534, groups: [65534, 4242, 4343], home: '/nonexistent' };
const isRoot = process.getuid?.() === 0;

const spawner = createSpawner();
const reaper = new NativeReaper();
const waiting = new Map<number, (s: ExitStatus) => void>();
const early = new Map<number, ExitStatus>();
let dir = '';

before(() => {
  reaper.start((s) => {
    const w = waiting.get(s.pid);
    if (w) w(s);
    else early.set(s.pid, s);
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-spawn-'));
});
after(() => {
  reaper.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Ran {
  readonly pid: number;
  readonly status: ExitStatus;
  readonly stdout: string;
  readonly stderr: string;
}

function collect(s: NodeJS.ReadableStream | null): Promise<string> {
  if (!s) return Promise.resolve('');
  let text = '';
  s.setEncoding('utf8');
  s.on('data', (c: string) => { text += c; });
  return new Promise((resolve) => s.on('close', () => resolve(text)));
}

/** Spawn, feed stdin, and wait for the exit (via the reaper) and both pipes' EOF; 10 s deadline. */
async function run(over: Partial<ProcessConfig>, input?: string): Promise<Ran> {
  const output = pipeOutput();
  const out = spawner.spawn(proc('probe', { group: 'tests', ...over }), CTX, output);
  if (!out.ok) throw new Error(out.spawnerr);
  const { pid, stdin } = out.child;
  const { stdout = null, stderr = null } = output.sockets;
  const exited = new Promise<ExitStatus>((resolve) => {
    const e = early.get(pid);
    if (e) resolve(e);
    else waiting.set(pid, resolve);
  });
  if (input !== undefined) stdin.write(input);
  const texts = Promise.all([collect(stdout), collect(stderr)]);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
      reject(new Error(`child ${pid} (${over.command}) missed its deadline`));
    }, 10_000).unref(); // unref'd: what holds the loop open must be tend's own doing
  });
  try {
    const [status, [o, e]] = await Promise.race([Promise.all([exited, texts]), deadline]);
    stdin.destroy();
    return { pid, status, stdout: o, stderr: e };
  } finally {
    clearTimeout(timer);
    waiting.delete(pid);
  }
}

test('own process group (pgid = pid), so kill(-pid) reaches the whole group', { timeout: 20_000 }, async () => {
  const r = await run({ command: 'sh -c \'read -r pid comm state ppid pgrp rest < /proc/self/stat; echo "$pid $pgrp"\'' });
  assert.equal(r.stdout, `${r.pid} ${r.pid}\n`);
  const out = spawner.spawn(proc('group', { command: "sh -c 'sleep 30 & sleep 30; exit 0'" }), CTX, pipeOutput());
  assert.ok(out.ok);
  const status = new Promise<ExitStatus>((resolve) => waiting.set(out.child.pid, resolve));
  process.kill(-out.child.pid, 'SIGTERM'); // at once: the group exists when spawn() returns
  assert.equal((await status).signal, 15);
  out.child.stdin.destroy();
});

test('signals: nothing ignored, nothing blocked (Node ignores SIGPIPE; the child must not)', { timeout: 20_000 }, async () => {
  const r = await run({ command: 'grep -E "^Sig(Ign|Blk)" /proc/self/status' });
  assert.equal(r.stdout, 'SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n');
});

test('stdin, stdout and stderr are real pipes; no other fd is inherited', { timeout: 20_000 }, async () => {
  const r = await run({ command: 'sh -c \'readlink /proc/self/fd/0 /proc/self/fd/1 /proc/self/fd/2; ls /proc/$$/fd | tr "\\n" " "\'' });
  const [fd0, fd1, fd2, fds] = r.stdout.split('\n');
  for (const fd of [fd0, fd1, fd2]) assert.match(fd ?? '', /^pipe:\[\d+\]$/);
  assert.equal(new Set([fd0, fd1, fd2]).size, 3);
  assert.equal(fds, '0 1 2 ');
});

test('redirect_stderr: fd 2 is the stdout pipe, and stderr is null', { timeout: 20_000 }, async () => {
  const output = pipeOutput();
  const out = spawner.spawn(proc('redir', { command: 'true', redirect_stderr: true }), CTX, output);
  assert.ok(out.ok);
  assert.equal(output.sockets.stderr, undefined);
  out.child.stdin.destroy();
  output.sockets.stdout?.destroy();
  const r = await run({ command: 'sh -c \'readlink /proc/self/fd/1 /proc/self/fd/2; echo to-err >&2\'', redirect_stderr: true });
  const [fd1, fd2, text] = r.stdout.split('\n');
  assert.equal(fd1, fd2);
  assert.equal(text, 'to-err');
});

test('opening /dev/stdout and /dev/stderr by path works', { timeout: 20_000 }, async () => {
  const r = await run({ command: "sh -c 'echo x > /dev/stdout; echo y > /dev/stderr'" });
  assert.equal(r.stdout, 'x\n');
  assert.equal(r.stderr, 'y\n');
  assert.equal(r.status.code, 0);
});

test('stdin stays an open pipe that the parent can write to', { timeout: 20_000 }, async () => {
  const r = await run({ command: 'head -n 1' }, 'hello child\n');
  assert.equal(r.stdout, 'hello child\n');
});

test('umask and directory', { timeout: 20_000 }, async () => {
  const r = await run({ command: "sh -c 'umask; pwd'", umask: 0o027, directory: dir });
  assert.equal(r.stdout, `0027\n${fs.realpathSync(dir)}\n`);
});

test('chdir failure: supervisord\'s text on stderr, exit 127', { timeout: 20_000 }, async () => {
  const r = await run({ command: 'pwd', directory: '/nonexistent-dir' });
  assert.equal(r.status.code, 127);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, "supervisor: couldn't chdir to /nonexistent-dir: ENOENT\nsupervisor: child process was not spawned\n");
});

test('exec failure in the child: supervisord\'s text with the errno name, exit 127', { timeout: 20_000 }, async () => {
  const file = path.join(dir, 'not-a-binary');
  fs.writeFileSync(file, Buffer.from([0, 1, 2, 3]), { mode: 0o755 });
  const r = await run({ command: `${file} --flag` });
  assert.equal(r.status.code, 127);
  assert.equal(r.stderr, `supervisor: couldn't exec ${file}: ENOEXEC\nsupervisor: child process was not spawned\n`);
});

test('SUPERVISOR_* in the environment, program environment last', { timeout: 20_000 }, async () => {
  const r = await run({ command: 'env', environment: { EXTRA: 'a b', USER: 'me' } });
  const env = new Map(r.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  assert.equal(env.get('SUPERVISOR_ENABLED'), '1');
  assert.equal(env.get('SUPERVISOR_SERVER_URL'), 'unix:///tmp/tend-test.sock');
  assert.equal(env.get('SUPERVISOR_PROCESS_NAME'), 'probe');
  assert.equal(env.get('SUPERVISOR_GROUP_NAME'), 'tests');
  assert.equal(env.get('EXTRA'), 'a b');
  assert.equal(env.get('USER'), 'me');
  assert.equal(env.get('HOME'), '/root');
});

test('user=: uid, gid and the supplementary groups (which libuv cannot set); HOME/USER/LOGNAME', { timeout: 20_000, skip: !isRoot && 'needs root' }, async () => {
  const r = await run({ command: "sh -c 'id -u; id -g; id -G; echo $HOME $USER $LOGNAME'", user: NOBODY });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, '65534\n65534\n65534 4242 4343\n/nonexistent nobody nobody\n');
  const own = await run({ command: "sh -c 'echo $HOME'", user: NOBODY, environment: { HOME: '/srv' } });
  assert.equal(own.stdout, '/srv\n');
});

test('user=: chdir happens after dropping privileges (as supervisord)', { timeout: 20_000, skip: !isRoot && 'needs root' }, async () => {
  const closed = path.join(dir, 'root-only');
  fs.mkdirSync(closed, { mode: 0o700 });
  const r = await run({ command: 'pwd', user: NOBODY, directory: closed });
  assert.equal(r.status.code, 127);
  assert.equal(r.stderr, `supervisor: couldn't chdir to ${closed}: EACCES\nsupervisor: child process was not spawned\n`);
});

test('setuid failure: supervisord\'s text, exit 127', { timeout: 20_000, skip: !isRoot && 'needs root' }, async () => {
  // more supplementary groups than the kernel allows (NGROUPS_MAX 65536): setgroups gives EINVAL
  const many: UserSpec = { ...NOBODY, groups: Array.from({ length: 70_000 }, (_, i) => i + 1) };
  const r = await run({ command: 'id', user: many });
  assert.equal(r.status.code, 127);
  assert.equal(r.stderr, "supervisor: couldn't setuid to 65534: EINVAL\nsupervisor: child process was not spawned\n");
});

test('exit codes and signal deaths reach the reaper decoded', { timeout: 20_000 }, async () => {
  assert.deepEqual((await run({ command: `${BIN}/exit-with 42` })).status.code, 42);
  const killed = await run({ command: "sh -c 'kill -KILL $$'" });
  assert.deepEqual([killed.status.code, killed.status.signal], [null, 9]);
});

test('a child that closes its pipes and lives on still holds the event loop open until reaped', { timeout: 20_000 }, async () => {
  const r = await run({ command: "sh -c 'exec <&- >&- 2>&-; sleep 0.3; exit 4'" });
  assert.equal(r.status.code, 4);
});
