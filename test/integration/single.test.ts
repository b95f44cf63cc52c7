// Single-program mode (runSingle) as PID 1: exit codes, signal deaths, forwarding, exec
// failures, reaping, the inspector staying shut, and the terminal's foreground group.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { BIN, NODE, ROOT, lastJson, runFixture } from './spawn-harness';

const single = (args: string[], pid1 = true) => runFixture('single-init.ts', args, { deadlineMs: 25_000, pid1 });

test('exit codes 0..255 pass through; a signal death gives 128+n', { timeout: 60_000 }, async () => {
  const r = await runFixture('single-batch.ts', [], { deadlineMs: 55_000 }).done;
  assert.equal(r.code, 0, r.stderr);
  const out = lastJson<{ pid: number; codes: number[]; signals: Record<string, number> }>(r);
  assert.equal(out.pid, 1);
  assert.deepEqual(out.codes, Array.from({ length: 256 }, (_, n) => n));
  assert.deepEqual(out.signals, { TERM: 143, USR1: 138, USR2: 140, HUP: 129, INT: 130, QUIT: 131, KILL: 137, SEGV: 139 });
});

test('the exit code of the child is the exit code of the PID-1 process itself', { timeout: 30_000 }, async () => {
  const r = await single(['sh', '-c', 'echo out; echo err >&2; exit 3']).done;
  assert.equal(r.code, 3);
  assert.equal(r.stdout, 'out\n');
  assert.equal(r.stderr, 'err\n');
});

test('a signal the child sends to PID 1 is forwarded back to it', { timeout: 30_000 }, async () => {
  const r = await single(['sh', '-c', 'trap "exit 42" TERM; kill -TERM 1; sleep 5 & wait']).done;
  assert.equal(r.code, 42, r.stderr);
});

test('signals sent to the init from outside reach the child; SIGUSR1 does not open the inspector', { timeout: 30_000 }, async () => {
  const script = 'for s in HUP INT USR1 USR2 WINCH QUIT; do trap "echo got $s" $s; done; trap "exit 42" TERM; echo ready; while :; do sleep 0.02; done';
  const run = single(['sh', '-c', script]);
  await run.waitForStdout('ready');
  for (const sig of ['SIGHUP', 'SIGINT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH', 'SIGQUIT'] as const) {
    process.kill(run.fixturePid(), sig);
    await run.waitForStdout(`got ${sig.slice(3)}`);
  }
  process.kill(run.fixturePid(), 'SIGTERM');
  const r = await run.done;
  assert.equal(r.code, 42, r.stderr);
  assert.doesNotMatch(r.stderr, /Debugger listening/);
});

test('missing command: 127; not executable: 126; each with one tend: line', { timeout: 30_000 }, async () => {
  const missing = await single(['no-such-command', 'x']).done;
  assert.equal(missing.code, 127);
  assert.equal(missing.stderr, "tend: can't find command 'no-such-command'\n");
  const plain = await single(['/etc/passwd']).done;
  assert.equal(plain.code, 126);
  assert.equal(plain.stderr, "tend: command at '/etc/passwd' is not executable\n");
  const dir = await single(['/tmp']).done;
  assert.equal(dir.code, 126);
  assert.equal(dir.stderr, "tend: command at '/tmp' is a directory\n");
});

test('an exec that fails in the child (not a binary): 126 and the errno', { timeout: 30_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-single-'));
  try {
    const file = path.join(dir, 'garbage');
    fs.writeFileSync(file, Buffer.from([0, 1, 2, 3, 0xff]), { mode: 0o755 });
    const r = await single([file]).done;
    assert.equal(r.code, 126);
    assert.equal(r.stderr, `tend: couldn't exec ${file}: ENOEXEC\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('orphans are reaped while the child runs', { timeout: 30_000 }, async () => {
  const script = 'for i in 1 2 3 4 5 6 7 8; do (true &); (exit 3 &); done; sleep 0.3; '
    + 'grep -l "^State:.Z" /proc/[0-9]*/status 2>/dev/null | wc -l; exit 0';
  const r = await single(['sh', '-c', script]).done;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), '0');
});

test('not PID 1: same codes, orphans still reaped (child subreaper)', { timeout: 30_000 }, async () => {
  const r = await single(['sh', '-c', '(true &); (sleep 0.1 &); sleep 0.3; exit 7'], false).done;
  assert.equal(r.code, 7, r.stderr);
});

test('on a terminal the child gets its own group, in the foreground', { timeout: 30_000 }, (t) => {
  if (spawnSync('script', ['--version']).status !== 0) {
    t.skip('util-linux script is not installed');
    return;
  }
  const cmd = `${NODE} --import tsx ${path.join(BIN, 'single-init.ts')} sh -c 'ps -o pid=,pgid=,tpgid= -p $$; exit 5'`;
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(r.status, 5, r.stderr);
  const [pid, pgid, tpgid] = r.stdout.trim().split(/\s+/).map(Number);
  assert.ok(pid !== undefined && pid > 0);
  assert.equal(pgid, pid);
  assert.equal(tpgid, pid);
});
