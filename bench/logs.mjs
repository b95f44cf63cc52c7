#!/usr/bin/env node
// Log throughput benchmark: tend against Python supervisord, side by side in one run.
//
//   node bench/logs.mjs [--size 1G] [--reps 3] [--scenarios rotated,plain,console,cat]
//                       [--daemons tend,supervisord] [--tend DIR] [--timeout S] [--json[=FILE]]
//
// The program `flood` (bench/logtool.c, built with cc at startup) writes SIZE bytes (default 1 GiB,
// or env TEND_BENCH_SIZE; whole 100-byte numbered lines) when the bench sends a go byte, then
// sleeps. Daemons run as PID 1 of a fresh PID namespace. Scenarios: rotated (x.log, 50MB, 3
// backups), plain (maxbytes=0), console (tend's prefixed stdout vs supervisord's
// stdout_logfile=/dev/stdout, into a FIFO read by `logtool sink`), cat (gen | cat > file).
// Time: go byte -> the last line is in the destination. CPU: utime+stime of the daemon alone;
// RSS: VmHWM. Every destination is checked line by line afterwards. During rotated and console a
// worker thread times supervisor.getState calls over the unix socket. See bench/README.md.
// Needs Linux, root (unshare), cc, /usr/bin/supervisord, and a built tend (dist/ or --tend DIR).

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const SUPERVISORD = '/usr/bin/supervisord';
const ALL_SCENARIOS = ['rotated', 'plain', 'console', 'cat'];
const PROBED = new Set(['rotated', 'console']);
const MiB = 1 << 20;
const GiB = 1 << 30;
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

const log = (msg) => process.stderr.write(`${msg}\n`);
function die(msg) { log(`logs: ${msg}`); process.exit(2); }

function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)([KMG]?)(?:i?B)?$/i.exec(String(s).trim());
  if (!m) die(`bad size: ${s}`);
  return Math.floor(Number(m[1]) * { '': 1, K: 1024, M: MiB, G: GiB }[m[2].toUpperCase()]);
}

function parseArgs(argv) {
  const o = { size: parseSize(process.env.TEND_BENCH_SIZE ?? '1G'), reps: 3, scenarios: ALL_SCENARIOS,
    daemons: ['tend', 'supervisord'], tend: path.join(REPO, 'dist'), timeout: null, json: null };
  for (let i = 0; i < argv.length; i++) {
    let [a, v] = argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const val = () => v ?? (i + 1 < argv.length ? argv[++i] : die(`${a} needs a value`));
    if (a === '--size') o.size = parseSize(val());
    else if (a === '--reps') o.reps = Number(val());
    else if (a === '--scenarios') o.scenarios = val().split(',');
    else if (a === '--daemons') o.daemons = val().split(',');
    else if (a === '--tend') o.tend = path.resolve(val());
    else if (a === '--timeout') o.timeout = Number(val());
    else if (a === '--json') o.json = v ?? '-';
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node bench/logs.mjs [--size 1G] [--reps 3] [--scenarios rotated,plain,console,cat] [--daemons tend,supervisord] [--tend DIR] [--timeout S] [--json[=FILE]]\n');
      process.exit(0);
    } else die(`unknown argument: ${a}`);
  }
  o.lines = Math.floor(o.size / 100);
  o.size = o.lines * 100;
  if (o.lines < 1) die('--size is below one line');
  if (!Number.isInteger(o.reps) || o.reps < 1) die('--reps must be a positive integer');
  for (const s of o.scenarios) if (!ALL_SCENARIOS.includes(s)) die(`unknown scenario ${s}`);
  for (const d of o.daemons) if (!['tend', 'supervisord'].includes(d)) die(`unknown daemon ${d}`);
  o.timeout ??= 20 + o.size / (20 * MiB); // s; a run slower than ~20 MiB/s counts as failed
  return o;
}

// ---------------------------------------------------------------- cleanup bookkeeping

let ROOT = null;
const live = new Set(); // { child, pids: [] } — everything started and not yet reaped

function killEntry(e) {
  for (const pid of e.pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  try { e.child.kill('SIGKILL'); } catch { /* gone */ }
}
function cleanupAll() {
  for (const e of live) killEntry(e);
  live.clear();
  if (ROOT) { try { fs.rmSync(ROOT, { recursive: true, force: true }); } catch { /* best effort */ } ROOT = null; }
}
process.on('exit', cleanupAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => { log(`logs: ${sig}, cleaning up`); cleanupAll(); process.exit(128 + os.constants.signals[sig]); });
}

function start(cmd, args, opts) {
  const child = spawn(cmd, args, opts);
  const e = { child, pids: [], tail: '' };
  const keep = (d) => { e.tail = (e.tail + d).slice(-2000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  e.exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => { e.exit = { code, signal }; resolve(e.exit); });
    child.on('error', (err) => { e.exit = { error: String(err) }; resolve(e.exit); });
  });
  live.add(e);
  return e;
}
async function stop(e) {
  if (!e) return;
  killEntry(e);
  await e.exited;
  live.delete(e);
}

// ---------------------------------------------------------------- /proc helpers

const median = (xs) => { if (!xs.length) return null; const s = [...xs].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pct = (xs, p) => { if (!xs.length) return null; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const children = (pid) => { try { return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number); } catch { return []; } };
const comm = (pid) => { try { return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim(); } catch { return '?'; } };
function cpuSeconds(pid) { // utime + stime of the process itself, not of its children
  const t = fs.readFileSync(`/proc/${pid}/stat`, 'utf8'), f = t.slice(t.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / CLK_TCK;
}
const hwmMiB = (pid) => Number(/^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const later = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms).unref()); // never keeps the process alive
const nowMs = () => performance.timeOrigin + performance.now();

function lastLine(n) { return Buffer.from(`${String(n).padStart(10, '0')}${'x'.repeat(89)}\n`); }
function endsWith(file, want) { // does `file` end with the bytes `want`?
  let fd;
  try { fd = fs.openSync(file, 'r'); } catch { return false; }
  try {
    const size = fs.fstatSync(fd).size;
    if (size < want.length) return false;
    const b = Buffer.alloc(want.length);
    fs.readSync(fd, b, 0, want.length, size - want.length);
    return b.equals(want);
  } finally { fs.closeSync(fd); }
}

// ---------------------------------------------------------------- XML-RPC probe (worker thread)

const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const body = '<?xml version="1.0"?><methodCall><methodName>supervisor.getState</methodName><params></params></methodCall>';
const now = () => performance.timeOrigin + performance.now();
let stopping = false;
parentPort.on('message', () => { stopping = true; });
const call = () => new Promise((resolve) => {
  const t0 = now();
  const done = (ok) => resolve([t0, now() - t0, ok]);
  const req = http.request({ socketPath: workerData.sock, path: '/RPC2', method: 'POST', agent: false,
    headers: { 'Content-Type': 'text/xml', 'Content-Length': body.length } }, (res) => {
    let b = '';
    res.setEncoding('utf8');
    res.on('data', (d) => { b += d; });
    res.on('end', () => done(res.statusCode === 200 && b.includes('RUNNING')));
    res.on('error', () => done(false));
  });
  req.setTimeout(10000, () => req.destroy(new Error('timeout')));
  req.on('error', () => done(false));
  req.end(body);
});
(async () => {
  const samples = [];
  parentPort.postMessage({ ready: true });
  let lag = 0; // how late this thread's own 10 ms timer fired before the call: CPU contention here
  while (!stopping) {
    samples.push([...(await call()), lag]);
    const t = now();
    await new Promise((r) => setTimeout(r, 10));
    lag = now() - t - 10;
  }
  parentPort.postMessage({ samples });
})();`;

function startProbe(sock) {
  const w = new Worker(PROBE, { eval: true, workerData: { sock } });
  const ready = new Promise((resolve) => w.once('message', resolve));
  const result = new Promise((resolve) => {
    w.on('message', (m) => { if (m.samples) resolve(m.samples); });
    w.on('error', () => resolve([]));
    w.on('exit', () => resolve([]));
  });
  return { w, ready, finish: async () => { w.postMessage('stop'); const s = await Promise.race([result, later(12_000, [])]); await w.terminate(); return s; } };
}

// ---------------------------------------------------------------- one trial

function writeConfig(dir, kind, scenario, LT, opts) {
  const prog = [`command=${LT} gen ${opts.size} ${dir}/go ${dir}/ready`, 'startsecs=0', 'autorestart=false', 'startretries=0'];
  if (scenario === 'rotated') prog.push(`stdout_logfile=${dir}/x.log`, 'stdout_logfile_maxbytes=50MB', 'stdout_logfile_backups=3');
  if (scenario === 'plain') prog.push(`stdout_logfile=${dir}/x.log`, 'stdout_logfile_maxbytes=0', 'stdout_logfile_backups=0');
  if (scenario === 'console' && kind === 'supervisord') prog.push('stdout_logfile=/dev/stdout', 'stdout_logfile_maxbytes=0');
  const conf = ['[supervisord]', 'nodaemon=true', 'logfile=/dev/null', 'logfile_maxbytes=0', `pidfile=${dir}/d.pid`, `childlogdir=${dir}`, '',
    '[unix_http_server]', `file=${dir}/s.sock`, '', '[rpcinterface:supervisor]',
    'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface', '',
    '[supervisorctl]', `serverurl=unix://${dir}/s.sock`, '', '[program:flood]', ...prog, ''].join('\n');
  fs.writeFileSync(path.join(dir, 'd.conf'), conf);
  return path.join(dir, 'd.conf');
}

function verdict(scenario, c, opts) { // c: logtool's report; returns null when the data is complete
  const L = opts.lines, bad = [];
  if (c.last !== L) bad.push(`last line ${c.last} of ${L}`);
  if (c.gaps) bad.push(`${c.gaps} gaps`);
  if (c.partial) bad.push(`${c.partial} bytes of a partial last line`);
  if (c.head_fragment && scenario !== 'rotated') bad.push(`a ${c.head_fragment}-byte fragment first`);
  if (c.prefix_mixed) bad.push(`${c.prefix_mixed} lines with another prefix`);
  if (scenario !== 'rotated' && (c.first !== 1 || c.numbered !== L)) bad.push(`lines ${c.first}..${c.last}, ${c.numbered} of ${L}`);
  if (scenario !== 'console' && c.stray) bad.push(`${c.stray} stray lines`);
  if ((scenario === 'plain' || scenario === 'cat') && c.bytes !== opts.size) bad.push(`${c.bytes} bytes of ${opts.size}`);
  if (c.extra?.length) bad.push(`unexpected files ${c.extra}`);
  if (scenario === 'rotated' && Math.max(...c.sizes) > 51 * MiB) bad.push(`a file of ${c.sizes} bytes is over maxbytes (50 MiB)`);
  return bad.length ? bad.join(', ') : null;
}

async function trial(scenario, kind, ctx) {
  const { opts, LT, tendDir } = ctx;
  const dir = fs.mkdtempSync(path.join(ROOT, `${scenario}-${kind}-`));
  const r = { scenario, kind };
  const want = lastLine(opts.lines);
  const ents = [];
  let goFd = null, probe = null, rfd = null, wfd = null;
  const deadlineAt = performance.now() + opts.timeout * 1000;
  const check = (what) => {
    for (const e of ents) if (e.exit) throw new Error(`${what}: ${path.basename(e.child.spawnfile)} exited (${JSON.stringify(e.exit)})`);
    if (performance.now() > deadlineAt) {
      const sizes = fs.readdirSync(dir).filter((f) => f.startsWith('x.log')).map((f) => `${f} ${fs.statSync(path.join(dir, f)).size} B`);
      throw new Error(`${what}: timeout after ${opts.timeout.toFixed(0)} s (${sizes.join(', ') || 'no x.log*'})`);
    }
  };
  try {
    execFileSync('mkfifo', [path.join(dir, 'go')]);
    let pid, inner = null;
    if (kind === 'cat') {
      const sh = start('sh', ['-c', `"$0" gen ${opts.size} go ready | cat > x.log`, LT], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      ents.push(sh);
      while (!fs.existsSync(path.join(dir, 'ready'))) { check('waiting for the writer'); await sleep(1); }
      for (;;) { pid = children(sh.child.pid).find((p) => comm(p) === 'cat'); if (pid) break; check('finding cat'); await sleep(1); }
      sh.pids = children(sh.child.pid);
    } else {
      const conf = writeConfig(dir, kind, scenario, LT, opts);
      let stdout = 'pipe';
      if (scenario === 'console') {
        execFileSync('mkfifo', [path.join(dir, 'out')]);
        rfd = fs.openSync(path.join(dir, 'out'), fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
        wfd = fs.openSync(path.join(dir, 'out'), fs.constants.O_WRONLY);
        ents.push(start(LT, ['sink', String(opts.lines), path.join(dir, 'report')], { stdio: [rfd, 'ignore', 'pipe'] }));
        stdout = wfd;
      }
      const cmd = kind === 'tend' ? [process.execPath, path.join(tendDir, 'init.js'), '-c', conf] : [SUPERVISORD, '-c', conf];
      const d = start('unshare', ['--pid', '--fork', '--mount-proc', '--kill-child=SIGKILL', ...cmd], { cwd: dir, stdio: ['ignore', stdout, 'pipe'] });
      ents.push(d);
      if (rfd !== null) { fs.closeSync(rfd); fs.closeSync(wfd); rfd = wfd = null; }
      while (!fs.existsSync(path.join(dir, 'ready'))) { check('waiting for the program to start'); await sleep(5); }
      [inner] = children(d.child.pid);
      d.pids = [inner];
      pid = inner;
      r.comm = comm(pid);
      await sleep(300); // let the daemon finish its startup work
      if (PROBED.has(scenario)) {
        probe = startProbe(path.join(dir, 's.sock'));
        await probe.ready;
        await sleep(100); // a few idle samples as a baseline
      }
    }
    check('before go');
    const cpu0 = cpuSeconds(pid);
    goFd = fs.openSync(path.join(dir, 'go'), fs.constants.O_RDWR); // never blocks; kept open until the end
    const t0 = nowMs();
    fs.writeSync(goFd, 'g');
    const files = ['x.log.3', 'x.log.2', 'x.log.1', 'x.log'].map((f) => path.join(dir, f));
    const done = scenario === 'console' ? () => fs.existsSync(path.join(dir, 'report'))
      : scenario === 'rotated' ? () => endsWith(files[3], want) || endsWith(files[2], want) : () => endsWith(files[3], want);
    while (!done()) { check('flooding'); await sleep(2); }
    const t1 = nowMs();
    const s = (t1 - t0) / 1000;
    r.mibs = opts.size / MiB / s;
    r.cpuPerGiB = (cpuSeconds(pid) - cpu0) / (opts.size / GiB);
    r.rssMiB = hwmMiB(pid);
    r.seconds = s;
    if (probe) {
      const samples = await probe.finish();
      probe = null;
      const during = samples.filter(([st]) => st >= t0 && st <= t1);
      const idle = samples.filter(([st]) => st < t0).map(([, ms]) => ms);
      const ms = during.map(([, x]) => x);
      r.rpc = { n: ms.length, failed: during.filter(([, , ok]) => !ok).length, idleP50: median(idle), p50: median(ms), p99: pct(ms, 99),
        max: ms.length ? Math.max(...ms) : null, over10: ms.filter((x) => x > 10).length, probeLagMax: Math.max(0, ...during.map(([, , , l]) => l)) };
    }
    // ---- verification
    let c;
    if (scenario === 'console') {
      const [sink, d] = ents;
      await stop(d); // the FIFO's last writer goes away: the sink reads EOF and writes its final report
      await Promise.race([sink.exited, later(30_000)]);
      c = JSON.parse(fs.readFileSync(path.join(dir, 'report.final'), 'utf8'));
    } else {
      const present = files.filter((f) => fs.existsSync(f));
      c = JSON.parse(execFileSync(LT, ['check', String(opts.lines), ...present], { encoding: 'utf8', maxBuffer: 1 << 20 }));
      c.sizes = present.map((f) => fs.statSync(f).size);
      c.extra = fs.readdirSync(dir).filter((f) => f.startsWith('x.log') && !files.includes(path.join(dir, f)));
    }
    r.data = c;
    r.lost = verdict(scenario, c, opts);
  } catch (err) {
    r.error = err.message;
    r.tail = ents.map((e) => e.tail).join('').slice(-300);
  } finally {
    if (probe) await probe.finish();
    for (const e of ents.reverse()) await stop(e);
    for (const fd of [goFd, rfd, wfd]) if (fd !== null) fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return r;
}

// Before every trial: write SIZE bytes to a file, delete it, sync. Every trial then starts without
// the last one's dirty pages and on page-cache memory that was just in use. On this VM, the first
// 1 GiB write into memory not used for a while ran at 430-810 MB/s, the ones right after at 1-3.5 GB/s.
function warm(size) {
  const f = path.join(ROOT, 'warm');
  const buf = Buffer.alloc(MiB);
  const fd = fs.openSync(f, 'w');
  for (let left = size; left > 0; left -= MiB) fs.writeSync(fd, buf, 0, Math.min(MiB, left));
  fs.closeSync(fd);
  fs.unlinkSync(f);
  try { execFileSync('sync'); } catch { /* ignore */ }
}

// ---------------------------------------------------------------- main

function headCommit() { // read .git directly rather than running git
  try {
    const head = fs.readFileSync(path.join(REPO, '.git/HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head.slice(0, 7);
    const ref = head.slice(5);
    try { return fs.readFileSync(path.join(REPO, '.git', ref), 'utf8').trim().slice(0, 7); } catch { /* packed */ }
    const line = fs.readFileSync(path.join(REPO, '.git/packed-refs'), 'utf8').split('\n').find((l) => l.endsWith(` ${ref}`));
    return line ? line.slice(0, 7) : null;
  } catch { return null; }
}

const f1 = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d));

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (process.platform !== 'linux') die('Linux only');
  if (opts.daemons.includes('supervisord') && !fs.existsSync(SUPERVISORD)) die(`${SUPERVISORD} is missing (apt-get install -y supervisor)`);
  if (opts.daemons.includes('tend')) for (const f of ['init.js', 'tend.node']) {
    if (!fs.existsSync(path.join(opts.tend, f))) die(`${path.join(opts.tend, f)} is missing: run \`npm run build\` or pass --tend DIR`);
  }
  try { execFileSync('unshare', ['--pid', '--fork', '--mount-proc', 'true'], { stdio: 'ignore', timeout: 10_000 }); } catch { die('unshare --pid failed (needs root)'); }

  ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-logs-'));
  const LT = path.join(ROOT, 'logtool');
  try { execFileSync('cc', ['-O2', '-o', LT, path.join(HERE, 'logtool.c')], { stdio: ['ignore', 'ignore', 'inherit'] }); } catch { die('cc failed to build bench/logtool.c'); }
  const tendDir = path.join(ROOT, 'tend-dist'); // snapshot: a rebuild during the run cannot change it
  if (opts.daemons.includes('tend')) {
    fs.mkdirSync(tendDir);
    for (const f of ['init.js', 'tend.node']) fs.copyFileSync(path.join(opts.tend, f), path.join(tendDir, f));
  }
  const ver = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return null; } };
  const meta = { date: new Date().toISOString(), nproc: os.availableParallelism(), node: process.version, kernel: os.release(),
    supervisord: ver(SUPERVISORD, ['--version']), tendCommit: headCommit(), tendDist: opts.tend,
    bytes: opts.size, lines: opts.lines, reps: opts.reps, tmp: os.tmpdir() };
  log(`logs: ${opts.size} bytes (${opts.lines} lines) × ${opts.reps} reps, scenarios ${opts.scenarios}, timeout ${opts.timeout.toFixed(0)} s, tmp ${ROOT}`);

  const results = [];
  const t0 = performance.now();
  for (let rep = 0; rep < opts.reps; rep++) {
    for (let si = 0; si < opts.scenarios.length; si++) {
      const scenario = opts.scenarios[si];
      let kinds = scenario === 'cat' ? ['cat'] : opts.daemons;
      if ((rep + si) % 2) kinds = [...kinds].reverse();
      for (const kind of kinds) {
        warm(opts.size);
        const r = await trial(scenario, kind, { opts, LT, tendDir });
        r.rep = rep;
        results.push(r);
        const rpc = r.rpc ? `, rpc p99 ${f1(r.rpc.p99, 2)} max ${f1(r.rpc.max, 2)} ms (${r.rpc.over10} of ${r.rpc.n} calls > 10 ms; probe timer lag max ${f1(r.rpc.probeLagMax, 1)} ms)` : '';
        if (r.error) log(`  rep ${rep + 1} ${scenario.padEnd(7)} ${kind.padEnd(11)} FAILED: ${r.error}${r.tail ? `\n    output: ${r.tail.trim().replace(/\n/g, '\n    ')}` : ''}`);
        else log(`  rep ${rep + 1} ${scenario.padEnd(7)} ${kind.padEnd(11)} ${f1(r.mibs)} MiB/s, ${f1(r.cpuPerGiB, 2)} CPU s/GiB, ${f1(r.rssMiB)} MiB peak RSS${rpc}${r.lost ? `, DATA: ${r.lost}` : ''}`);
      }
    }
  }

  // ---- aggregate: medians over the reps that did not fail
  const agg = {};
  for (const scenario of opts.scenarios) for (const kind of scenario === 'cat' ? ['cat'] : opts.daemons) {
    const rs = results.filter((r) => r.scenario === scenario && r.kind === kind);
    const ok = rs.filter((r) => !r.error);
    const m = (get) => median(ok.map(get).filter((x) => x !== null && x !== undefined));
    agg[`${scenario}/${kind}`] = { scenario, kind, ok: ok.length, failed: rs.length - ok.length, lost: rs.filter((r) => r.lost).map((r) => r.lost),
      mibs: m((r) => r.mibs), cpuPerGiB: m((r) => r.cpuPerGiB), rssMiB: m((r) => r.rssMiB),
      rpcP99: m((r) => r.rpc?.p99), rpcMax: ok.some((r) => r.rpc) ? Math.max(...ok.map((r) => r.rpc?.max ?? 0)) : null,
      rpcIdle: m((r) => r.rpc?.idleP50), rpcCalls: ok.reduce((a, r) => a + (r.rpc?.n ?? 0), 0), rpcOver10: ok.reduce((a, r) => a + (r.rpc?.over10 ?? 0), 0), rpcFailed: ok.reduce((a, r) => a + (r.rpc?.failed ?? 0), 0), errors: rs.filter((r) => r.error).map((r) => r.error) };
  }
  const get = (s, k) => agg[`${s}/${k}`];
  const ratio = (a, b) => (a && b && a.ok && b.ok ? a.mibs / b.mibs : null);
  const label = { rotated: 'rotated file (50MB×3)', plain: 'plain file (maxbytes=0)', console: 'console → FIFO → sink', cat: 'cat > file (limit)' };
  const who = (s, k) => (s === 'console' ? (k === 'tend' ? 'tend (prefixed)' : 'supervisord (/dev/stdout)') : k);
  const rows = ['| scenario | daemon | MiB/s | CPU s/GiB | peak RSS MiB | RPC p99 / max ms, calls > 10 ms (idle p50) | data | tend / supervisord MiB/s | tend / supervisord CPU |',
    '|---|---|---:|---:|---:|---:|---|---:|---:|'];
  for (const a of Object.values(agg)) {
    const other = a.kind === 'tend' ? get(a.scenario, 'supervisord') : null;
    const data = a.failed ? `${a.failed} FAILED` : a.lost.length ? `LOST: ${a.lost[0]}` : 'complete';
    const rpc = a.rpcP99 === null ? '–' : `${f1(a.rpcP99, 2)} / ${f1(a.rpcMax, 1)}, ${a.rpcOver10}/${a.rpcCalls} (${f1(a.rpcIdle, 2)})${a.rpcFailed ? `, ${a.rpcFailed} failed` : ''}`;
    rows.push(`| ${label[a.scenario]} | ${who(a.scenario, a.kind)} | ${a.ok ? f1(a.mibs, 0) : 'failed'} | ${f1(a.cpuPerGiB, 2)} | ${f1(a.rssMiB)} | ${rpc} | ${data} | ${f1(ratio(a, other), 2)} | ${other && a.ok && other.ok && other.cpuPerGiB > 0 ? f1(a.cpuPerGiB / other.cpuPerGiB, 2) : ''} |`);
  }
  const notes = [];
  const tc = get('console', 'tend'), sr = get('rotated', 'supervisord');
  if (tc && sr) notes.push(`tend console (prefixed, to a pipe) / supervisord rotated file: ${f1(ratio(tc, sr), 2)} (target ≥ 0.60)`);
  for (const s of ['rotated', 'console']) { const t = get(s, 'tend'); if (t?.rpcMax !== null && t?.rpcMax !== undefined) notes.push(`tend worst RPC latency during ${s}: ${f1(t.rpcMax, 1)} ms, ${t.rpcOver10} of ${t.rpcCalls} calls over 10 ms (target: none)`); }
  const lags = results.filter((r) => r.rpc).map((r) => r.rpc.probeLagMax);
  if (lags.length) notes.push(`the probe thread's own 10 ms timer fired up to ${f1(Math.max(...lags), 1)} ms late (median of the per-trial maxima ${f1(median(lags), 1)} ms): CPU contention on the bench side, included in RPC latencies`);
  const sinkStray = results.filter((r) => r.scenario === 'console' && r.data?.stray).map((r) => `${r.kind}: ${r.data.stray}`);
  if (sinkStray.length) notes.push(`daemon's own lines seen by the sink (not flood output): ${[...new Set(sinkStray)].join(', ')}`);
  const tp = results.find((r) => r.kind === 'tend' && r.scenario === 'console' && r.data);
  if (tp) notes.push(`tend console prefix: "${tp.data.prefix}" (${tp.data.prefix_len} bytes/line)`);
  const failed = results.filter((r) => r.error || r.lost);
  const elapsed = (performance.now() - t0) / 1000;
  process.stdout.write([
    '', `tend (${meta.tendDist}, repo HEAD ${meta.tendCommit ?? '?'}) vs supervisord ${meta.supervisord ?? '–'} — ${meta.date}`,
    `host: nproc ${meta.nproc}, node ${meta.node}, kernel ${meta.kernel}; ${opts.size} bytes = ${opts.lines} lines of 100 bytes; median of ${opts.reps}; files in ${meta.tmp}; ${elapsed.toFixed(0)} s`,
    '', ...rows, '', ...notes,
    failed.length ? `FAILED or incomplete trials: ${failed.map((r) => `rep ${r.rep + 1} ${r.scenario}/${r.kind}: ${r.error ?? `data ${r.lost}`}`).join('; ')}` : 'failed trials: 0, every destination complete', '',
  ].join('\n'));
  const summary = { ...meta, elapsedS: Number(elapsed.toFixed(1)), medians: agg, trials: results.map(({ tail, ...r }) => r) };
  if (opts.json === '-') process.stdout.write(`${JSON.stringify(summary)}\n`);
  else if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify(summary, null, 2)}\n`);
  cleanupAll();
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((err) => { log(`logs: ${err.stack ?? err}`); cleanupAll(); process.exit(2); });
