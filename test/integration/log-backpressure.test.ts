// A slow or broken console: a child flooding a console nobody reads pauses at the pipe (tend's
// memory stays flat, the control socket answers, nothing is dropped); EPIPE on tend's stdout
// is survived.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { BIN, CTL, fixtureConf, INIT, makeDir, NODE } from './harness';

const LINES = 1_000_000;
const LINE = 'x'.repeat(60);

/** the config's head names the socket by %(here)s: the config is written in the test's dir */
function config(program: string): string {
  return `${fixtureConf('silent-socket.conf')}${program}`;
}

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0);
}

function ctl(conf: string, args: readonly string[]): { stdout: string; status: number | null } {
  const r = spawnSync(NODE, [CTL, '-c', conf, ...args], { encoding: 'utf8', timeout: 10_000 });
  return { stdout: r.stdout, status: r.status };
}

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('a console nobody reads pauses the child: memory flat, control socket alive, no line lost', { timeout: 90_000 }, async () => {
  const dir = makeDir();
  const conf = path.join(dir, 'supervisord.conf');
  fs.writeFileSync(conf, config(`[program:flood]
command=sh -c 'yes ${LINE} | head -n ${LINES}; sleep 60'
startsecs=0
`));
  const init = spawn(NODE, [INIT, '-c', conf], { stdio: ['ignore', 'pipe', 'inherit'] });
  const deadline = setTimeout(() => init.kill('SIGKILL'), 80_000);
  try {
    init.stdout.pause(); // nobody reads: the pipe to us fills
    await settle(1500);
    const pid = init.pid ?? -1;
    const before = rssKiB(pid);
    await settle(2000);
    const during = rssKiB(pid);
    assert.ok(during - before < 20 * 1024, `tend's RSS grew by ${during - before} KiB while blocked`);
    const t0 = Date.now();
    const r = ctl(conf, ['pid']);
    assert.equal(r.stdout.trim(), String(pid));
    assert.ok(Date.now() - t0 < 5000);
    // the child is blocked in write(), not finished: far from all lines were taken
    let got = 0;
    let partial = '';
    init.stdout.setEncoding('utf8');
    init.stdout.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const p of parts) {
        assert.equal(p, `flood | ${LINE}`);
        got++;
      }
    });
    init.stdout.resume();
    const end = Date.now() + 60_000;
    while (got < LINES && Date.now() < end) await settle(50);
    assert.equal(got, LINES, 'every line arrived once reading resumed');
    init.kill('SIGTERM');
    await new Promise((r) => init.once('exit', r));
  } finally {
    clearTimeout(deadline);
    init.kill('SIGKILL');
  }
});

test('EPIPE on tend\'s stdout: tend keeps running, files keep filling, ctl still answers', { timeout: 60_000 }, async () => {
  const dir = makeDir();
  const conf = path.join(dir, 'supervisord.conf');
  const file = path.join(dir, 'ticker.log');
  fs.writeFileSync(conf, config(`[program:console]
command=${BIN}/print-lines forever 0.01 to-console
[program:ticker]
command=${BIN}/print-lines forever 0.02
stdout_logfile=${file}
`));
  const init = spawn(NODE, [INIT, '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  const deadline = setTimeout(() => init.kill('SIGKILL'), 50_000);
  try {
    await new Promise<void>((resolve) => init.stdout.once('data', () => resolve()));
    init.stdout.destroy(); // our read end closes: tend's next writes get EPIPE
    init.stderr.destroy();
    await settle(1500);
    assert.equal(init.exitCode, null, 'tend is still running');
    const size = fs.statSync(file).size;
    await settle(500);
    assert.ok(fs.statSync(file).size > size, 'the file log keeps growing');
    const r = ctl(conf, ['status']);
    assert.match(r.stdout, /console\s+RUNNING/);
    assert.match(r.stdout, /ticker\s+RUNNING/);
    init.kill('SIGTERM');
    const code = await new Promise((res) => init.once('exit', (c) => res(c)));
    assert.equal(code, 0);
  } finally {
    clearTimeout(deadline);
    init.kill('SIGKILL');
  }
});
