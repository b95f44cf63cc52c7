// Child output as PID 1: the prefixed console, raw /dev/stdout, rotated files with no line
// lost, the direct fd handoff, SIGUSR2 reopen, AUTO files, strip_ansi and the debug echo.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fixtureConf, startInit, type InitRun } from './harness';

const HEAD = fixtureConf('with-socket.conf');

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await settle(25);
  }
}

async function stop(init: InitRun): Promise<void> {
  init.signal('SIGTERM');
  assert.equal((await init.exited).code, 0);
}

test('console: each line prefixed with the padded name, stderr on stderr, partial lines flushed', { timeout: 30_000 }, async () => {
  const init = startInit({
    config: `${HEAD}
[program:web]
command=sh -c 'echo hello; printf "no newline yet"; sleep 0.5; echo " and done"; echo oops >&2; printf "last words"'
startsecs=0
autorestart=false
[program:worker_long]
command=sh -c 'echo working'
startsecs=0
autorestart=false
console_prefix=[{program}:{stream}]
[program:quiet]
command=sh -c 'echo plain'
startsecs=0
autorestart=false
console_prefix=none
`,
    deadlineMs: 25_000,
  });
  try {
    await init.waitFor(/exited: web \(exit status 0; expected\)/);
    await until(() => init.stdoutLines.includes('web         | last words'), 'the partial line at exit');
    assert.ok(init.stdoutLines.includes('web         | hello'));
    assert.ok(init.stdoutLines.includes('web         | no newline yet'), init.stdoutLines.join('\n'));
    assert.ok(init.stdoutLines.includes('web         |  and done'));
    await until(() => init.stderrLines.includes('web         | oops'), 'the stderr line on stderr');
    assert.ok(!init.stdoutLines.some((l) => l.includes('oops')));
    await until(() => init.stdoutLines.includes('[worker_long:stdout] working'), 'the worker_long line');
    await until(() => init.stdoutLines.includes('plain'), 'the unprefixed line');
    await stop(init);
  } finally {
    await init.kill();
  }
});

test('lines of programs writing at once never interleave mid-line', { timeout: 60_000 }, async () => {
  const writer = (c: string): string => `@BIN@/print-lines 3000 0 ${c.repeat(150)}`;
  const init = startInit({
    config: `${HEAD}
[program:a]
command=${writer('a')}
startsecs=0
autorestart=false
[program:b]
command=${writer('b')}
startsecs=0
autorestart=false
`,
    deadlineMs: 50_000,
  });
  try {
    await init.waitFor(/exited: a \(exit status 0/);
    await init.waitFor(/exited: b \(exit status 0/);
    await until(() => init.stdoutLines.filter((l) => /^[ab] \| /.test(l)).length >= 6000, 'all 6000 lines', 20_000);
    for (const c of ['a', 'b']) {
      const mine = init.stdoutLines.filter((l) => l.startsWith(`${c} | `));
      assert.equal(mine.length, 3000);
      mine.forEach((l, i) => assert.equal(l, `${c} | ${c.repeat(150)}${i}`));
    }
    await stop(init);
  } finally {
    await init.kill();
  }
});

test('stdout_logfile=/dev/stdout with the default maxbytes: raw lines, no Illegal seek', { timeout: 30_000 }, async () => {
  const init = startInit({
    config: `${HEAD}
[program:nginx]
command=sh -c 'echo "GET / 200"; echo "error: x" >&2; sleep 30'
stdout_logfile=/dev/stdout
stderr_logfile=/dev/stderr
`,
    deadlineMs: 25_000,
  });
  try {
    await until(() => init.stdoutLines.includes('GET / 200') && init.stderrLines.includes('error: x'), 'raw lines');
    await init.waitFor(/success: nginx entered RUNNING/);
    assert.deepEqual(init.output.filter((l) => /Illegal seek|ERRO|uncaptured/.test(l)), []);
    const tail = init.ctl(['tail', 'nginx']);
    assert.equal(tail.stdout, 'GET / 200\n\n', 'the memory tail serves tail (supervisorctl adds a newline)');
    await stop(init);
  } finally {
    await init.kill();
  }
});

test('rotation while a child writes fast: supervisord names, sizes, and no line lost or split', { timeout: 60_000 }, async () => {
  const init = startInit({
    config: `${HEAD}
[program:flood]
command=seq 1 200000
startsecs=0
autorestart=false
stdout_logfile=%(here)s/flood.log
stdout_logfile_maxbytes=100KB
stdout_logfile_backups=20
`,
    deadlineMs: 50_000,
  });
  try {
    await init.waitFor(/exited: flood \(exit status 0; expected\)/);
    await settle(200);
    const names = fs.readdirSync(init.dir).filter((f) => f.startsWith('flood.log')).sort((x, y) => {
      const n = (f: string): number => Number(f.split('.')[2] ?? 0);
      return n(y) - n(x);
    });
    assert.ok(names.length >= 8, names.join(' ')); // 1.29 MB in files of 100 KB plus at most one 64 KiB read
    assert.equal(names[names.length - 1], 'flood.log');
    names.slice(0, -1).forEach((f, i) => assert.equal(f, `flood.log.${names.length - 1 - i}`));
    for (const f of names.slice(0, -1)) {
      const size = fs.statSync(path.join(init.dir, f)).size;
      assert.ok(size >= 100 * 1024 && size < 100 * 1024 + 65536, `${f}: ${size}`);
    }
    const all = names.map((f) => fs.readFileSync(path.join(init.dir, f), 'utf8')).join('');
    const expected = Array.from({ length: 200000 }, (_, i) => `${i + 1}\n`).join('');
    assert.equal(all.length, expected.length);
    assert.ok(all === expected, 'the files, oldest first, hold exactly what the child wrote');
    await stop(init);
  } finally {
    await init.kill();
  }
});

test('backups=0 truncates in place', { timeout: 30_000 }, async () => {
  const init = startInit({
    config: `${HEAD}
[program:t]
command=sh -c 'seq 1 5000; sleep 0.3; echo end'
startsecs=0
autorestart=false
stdout_logfile=%(here)s/t.log
stdout_logfile_maxbytes=1KB
stdout_logfile_backups=0
`,
    deadlineMs: 25_000,
  });
  try {
    await init.waitFor(/exited: t \(exit status 0/);
    assert.deepEqual(fs.readdirSync(init.dir).filter((f) => f.startsWith('t.log')), ['t.log']);
    assert.ok(fs.statSync(path.join(init.dir, 't.log')).size < 1024 + 65536);
    assert.equal(fs.readFileSync(path.join(init.dir, 't.log'), 'utf8'), 'end\n');
    await stop(init);
  } finally {
    await init.kill();
  }
});

test('a file that needs no rotation is handed to the child as its fd 1; tail reads the file', { timeout: 30_000 }, async () => {
  const init = startInit({
    config: `${HEAD}
[program:direct]
command=sh -c 'readlink /proc/self/fd/1; echo second; sleep 30'
stdout_logfile=%(here)s/direct.log
stdout_logfile_maxbytes=0
[program:piped]
command=sh -c 'readlink /proc/self/fd/1; sleep 30'
stdout_logfile=%(here)s/piped.log
`,
    deadlineMs: 25_000,
  });
  try {
    await init.waitFor(/success: direct entered RUNNING/);
    await init.waitFor(/success: piped entered RUNNING/);
    const direct = path.join(init.dir, 'direct.log');
    assert.equal(fs.readFileSync(direct, 'utf8'), `${direct}\nsecond\n`);
    assert.match(fs.readFileSync(path.join(init.dir, 'piped.log'), 'utf8'), /^pipe:\[\d+\]\n$/);
    assert.equal(init.ctl(['tail', 'direct']).stdout, `${direct}\nsecond\n\n`);
    await stop(init);
  } finally {
    await init.kill();
  }
});

test('SIGUSR2 reopens log files after an outside mv; no line is lost', { timeout: 30_000 }, async () => {
  const init = startInit({
    config: `${HEAD}
[program:ticker]
command=@BIN@/print-lines forever 0.02
stdout_logfile=%(here)s/ticker.log
`,
    deadlineMs: 25_000,
  });
  try {
    await init.waitFor(/success: ticker entered RUNNING/);
    const log = path.join(init.dir, 'ticker.log');
    fs.renameSync(log, `${log}.old`);
    await settle(300);
    init.signal('SIGUSR2');
    await init.waitFor(/INFO received SIGUSR2 indicating log reopen request/);
    await until(() => fs.existsSync(log) && fs.readFileSync(log, 'utf8').split('\n').length > 5, 'the new file to fill');
    await stop(init);
    const old = fs.readFileSync(`${log}.old`, 'utf8').trim().split('\n').map(Number);
    const now = fs.readFileSync(log, 'utf8').trim().split('\n').map(Number);
    const all = [...old, ...now];
    all.forEach((n, i) => assert.equal(n, i));
    assert.ok(old.length > 10, 'lines kept going to the moved file until the reopen');
  } finally {
    await init.kill();
  }
});

test('AUTO logs: supervisord names, mode 0600, removed at the next start; strip_ansi; debug echo', { timeout: 30_000 }, async () => {
  const files = { 'web-stdout---supervisor-abcd1234.log': 'old\n', 'web-stdout---supervisor-abcd1234.log.1': 'older\n', 'keep.log': 'mine\n' };
  const init = startInit({
    config: `
[supervisord]
logfile=/dev/null
loglevel=debug
strip_ansi=true
childlogdir=%(here)s
[program:web]
command=printf '\\033[1;31mred\\033[0m text\\n'
startsecs=0
autorestart=false
stdout_logfile=AUTO
stderr_logfile=AUTO
`,
    files,
    deadlineMs: 25_000,
  });
  try {
    await init.waitFor(/exited: web \(exit status 0/);
    const names = fs.readdirSync(init.dir).filter((f) => f.includes('---')).sort();
    assert.equal(names.length, 2, names.join(' '));
    assert.match(names[0] ?? '', /^web-stderr---supervisor-[a-z0-9]{8}\.log$/);
    assert.match(names[1] ?? '', /^web-stdout---supervisor-[a-z0-9]{8}\.log$/);
    const out = path.join(init.dir, names[1] ?? '');
    assert.equal(fs.statSync(out).mode & 0o777, 0o600);
    assert.equal(fs.readFileSync(out, 'utf8'), 'red text\n');
    assert.ok(fs.existsSync(path.join(init.dir, 'keep.log')));
    await init.waitFor(/DEBG 'web' stdout output:/);
    await stop(init);
  } finally {
    await init.kill();
  }
});

test('a log file that cannot be opened fails the spawn with supervisord\'s spawnerr', { timeout: 30_000 }, async () => {
  const init = startInit({
    config: `${HEAD}
[program:nolog]
command=true
stdout_logfile=%(here)s/dir-not-file
startretries=0
`,
    files: { 'dir-not-file/x': '' },
    deadlineMs: 25_000,
  });
  try {
    await init.waitFor(/INFO spawnerr: unknown error making dispatchers for 'nolog': EISDIR/);
    await init.waitFor(/gave up: nolog entered FATAL state/);
    await stop(init);
  } finally {
    await init.kill();
  }
});
