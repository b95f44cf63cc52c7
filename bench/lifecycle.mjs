#!/usr/bin/env node
// Lifecycle benchmark: tend against Python supervisord, side by side in one run.
//
//   node bench/lifecycle.mjs [--runs N] [--json FILE] [--settle MS]
//
// Each trial runs one supervisor as PID 1 of a fresh PID namespace
// (`unshare --pid --fork --mount-proc`) on the same generated config and measures:
//   start  spawn of unshare -> every program has written its up-file (polled every 1 ms)
//   rss    VmRSS (and RssAnon) of the supervisor process once all programs run
//   ctl    `supervisorctl -s unix://.../s.sock status`, median of 5 calls (same client for both)
//   rpc    one raw XML-RPC supervisor.getAllProcessInfo over the socket from this process, median of 5
//   stop   SIGTERM to the inner PID 1 -> the unshare process has exited
// with 1 and with 20 programs. Runs alternate the order of the two supervisors. Two more shapes
// measure what is left behind at stop time:
//   grandchild  1 program that leaves a background child holding its stdout pipe
//               (`sh -c "sleep 1000 & exec sleep 1000"`): tend sends it SIGTERM once the program
//               has stopped and exits when it is gone, with no wait for the pipe
//   adopted     20 programs, each of which double-forked a daemon (its fds closed) that PID 1
//               adopted: tend sends them SIGTERM after the programs; supervisord leaves them to
//               the kernel's SIGKILL when the namespace ends
//
// The SIGTERM is sent after an idle gap that steps through 0..1000 ms across the runs (run r of R
// waits 1000*(r+0.5)/R ms after the last RPC). supervisord only notices a signal when its 1 s
// poll() returns (Python retries poll on EINTR), so its stop time depends on where in that
// second the signal lands; stepping the gap samples that phase evenly instead of always hitting
// the same spot. Both supervisors get the same gap in the same run.
// Prints a Markdown table of medians and a JSON summary (last stdout line, or --json FILE).
// Needs root (for unshare), Linux, /usr/bin/supervisord and supervisorctl, and a built dist/.

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { childrenOf, median, Trials } from './common.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const SUPERVISORD = '/usr/bin/supervisord';
const SUPERVISORCTL = '/usr/bin/supervisorctl';
/** what each trial runs: n programs of one shape (see the header) */
const CASES = [
  { key: '1', n: 1, shape: 'plain', what: '1 program' },
  { key: '20', n: 20, shape: 'plain', what: '20 programs' },
  { key: 'gc', n: 1, shape: 'grandchild', what: '1 program, a grandchild holding its pipe' },
  { key: 'ad20', n: 20, shape: 'adopted', what: '20 programs, 20 adopted daemons' },
];
const COMMANDS = {
  plain: (up) => `sh -c 'echo > ${up}; exec sleep 1000'`,
  grandchild: (up) => `sh -c 'sleep 1000 & echo > ${up}; exec sleep 1000'`,
  adopted: (up) => `sh -c '(sleep 1000 </dev/null >/dev/null 2>&1 &); echo > ${up}; exec sleep 1000'`,
};
const CTL_CALLS = 5;
const TRIAL_DEADLINE_MS = 25_000;
const CALL_DEADLINE_MS = 10_000;

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const opts = { runs: 7, json: null, settle: 500 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) die(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--runs') opts.runs = Number(next());
    else if (a.startsWith('--runs=')) opts.runs = Number(a.slice(7));
    else if (a === '--json') opts.json = next();
    else if (a.startsWith('--json=')) opts.json = a.slice(7);
    else if (a === '--settle') opts.settle = Number(next());
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node bench/lifecycle.mjs [--runs N] [--json FILE] [--settle MS]\n');
      process.exit(0);
    } else die(`unknown argument: ${a}`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) die('--runs must be a positive integer');
  if (!Number.isFinite(opts.settle) || opts.settle < 0) die('--settle must be a number of ms >= 0');
  return opts;
}

function die(msg) {
  process.stderr.write(`lifecycle: ${msg}\n`);
  process.exit(2);
}

const log = (msg) => process.stderr.write(`${msg}\n`);

// ---------------------------------------------------------------- cleanup bookkeeping

const trials = new Trials('lifecycle');
const { live } = trials;
const killTree = (child) => trials.killTree(child);
const cleanupAll = () => trials.cleanupAll();

// ---------------------------------------------------------------- helpers

function readStatusKb(pid, field) {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return m ? Number(m[1]) : null;
}

function comm(pid) {
  try { return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim(); } catch { return '?'; }
}

// Run a short command, time it from spawn to exit, SIGKILL it after `deadline` ms.
function timedRun(cmd, args, deadline = CALL_DEADLINE_MS) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(c);
    let out = '';
    c.stdout.on('data', (d) => { out += d; });
    c.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => { try { c.kill('SIGKILL'); } catch { /* gone */ } }, deadline);
    c.on('error', (err) => { out += String(err); });
    c.on('close', (code, signal) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      live.delete(c);
      resolve({ ms, code, signal, out });
    });
  });
}

const RPC_BODY =
  '<?xml version="1.0"?><methodCall><methodName>supervisor.getAllProcessInfo</methodName><params></params></methodCall>';

// One XML-RPC call on a fresh unix-socket connection; resolves with time and body.
function rpcCall(socketPath, deadline = CALL_DEADLINE_MS) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let done = false;
    const finish = (r) => { if (!done) { done = true; clearTimeout(timer); resolve({ ms: performance.now() - t0, ...r }); } };
    const req = http.request({
      socketPath, path: '/RPC2', method: 'POST', agent: false,
      headers: { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(RPC_BODY) },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => finish({ status: res.statusCode, body }));
      res.on('error', (err) => finish({ error: String(err), body }));
    });
    const timer = setTimeout(() => { req.destroy(new Error('deadline')); }, deadline);
    req.on('error', (err) => finish({ error: String(err), body: '' }));
    req.end(RPC_BODY);
  });
}

// ---------------------------------------------------------------- config

function writeConfig(dir, n, shape) {
  const lines = [
    '[supervisord]',
    'nodaemon=true',
    'logfile=/dev/null',
    'logfile_maxbytes=0',
    `pidfile=${dir}/supervisord.pid`,
    `childlogdir=${dir}`, // AUTO program logs land in the trial dir, not in /tmp
    '',
    '[unix_http_server]',
    `file=${dir}/s.sock`,
    '',
    '[rpcinterface:supervisor]',
    'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
    '',
  ];
  for (let i = 1; i <= n; i++) {
    lines.push(
      `[program:p${String(i).padStart(2, '0')}]`,
      `command=${COMMANDS[shape](`${dir}/up-$SUPERVISOR_PROCESS_NAME`)}`,
      'startsecs=0',
      '',
    );
  }
  const file = path.join(dir, 'supervisord.conf');
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

function countUp(dir) {
  let k = 0;
  for (const name of fs.readdirSync(dir)) if (name.startsWith('up-')) k++;
  return k;
}

// ---------------------------------------------------------------- one trial

async function trial(kind, c, tendDir, settleMs, stopGapMs) {
  const n = c.n;
  const dir = fs.mkdtempSync(path.join(trials.root, `${kind}-${c.key}-`));
  const conf = writeConfig(dir, n, c.shape);
  const sock = path.join(dir, 's.sock');
  const cmd = kind === 'tend'
    ? [process.execPath, path.join(tendDir, 'init.js'), '-c', conf]
    : [SUPERVISORD, '-c', conf];

  const result = { kind, n, case: c.key };
  let child = null;
  let deadlineHit = false;
  let tail = '';
  const keepTail = (d) => { tail = (tail + d).slice(-4000); };

  try {
    const t0 = performance.now();
    child = spawn('unshare', ['--pid', '--fork', '--mount-proc', '--kill-child=SIGKILL', ...cmd], {
      cwd: dir, stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    child.stdout.on('data', keepTail);
    child.stderr.on('data', keepTail);
    const exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal, t: performance.now() }));
      child.on('error', (err) => resolve({ code: null, signal: null, error: String(err), t: performance.now() }));
    });
    let exitInfo = null;
    exited.then((e) => { exitInfo = e; });
    const deadline = setTimeout(() => { deadlineHit = true; killTree(child); }, TRIAL_DEADLINE_MS);

    try {
      // 1. start: poll for the up-files every 1 ms.
      for (;;) {
        if (countUp(dir) >= n) break;
        if (exitInfo || deadlineHit) throw new Error(`exited before all ${n} programs started`);
        await sleep(1);
      }
      result.startMs = performance.now() - t0;

      // the supervisor is the single child of unshare (the forked child exec'd it)
      const inner = childrenOf(child.pid);
      if (inner.length !== 1) throw new Error(`expected one child of unshare, found [${inner}]`);
      child.innerPid = inner[0];
      result.comm = comm(inner[0]);

      // 3. RSS once all programs run (after a short settle, before any client traffic)
      await sleep(settleMs);
      if (exitInfo || deadlineHit) throw new Error('exited while settling');
      const running = childrenOf(child.innerPid).length;
      result.childrenAtRss = running;
      result.rssKb = readStatusKb(child.innerPid, 'VmRSS');
      result.anonKb = readStatusKb(child.innerPid, 'RssAnon');

      // 4. ctl round trips with the same Python client, then raw XML-RPC from here
      result.ctlMs = [];
      for (let i = 0; i < CTL_CALLS; i++) {
        const r = await timedRun(SUPERVISORCTL, ['-s', `unix://${sock}`, 'status']);
        const runningLines = r.out.split('\n').filter((l) => /\sRUNNING\s/.test(l)).length;
        if (r.code !== 0 || runningLines !== n) {
          throw new Error(`supervisorctl status: rc=${r.code} sig=${r.signal}, ${runningLines}/${n} RUNNING: ${r.out.slice(0, 300)}`);
        }
        result.ctlMs.push(r.ms);
      }
      result.rpcMs = [];
      for (let i = 0; i < CTL_CALLS; i++) {
        const r = await rpcCall(sock);
        const states = (r.body.match(/RUNNING/g) || []).length;
        if (r.error || r.status !== 200 || states < n) {
          throw new Error(`getAllProcessInfo: ${r.error ?? `HTTP ${r.status}`}, ${states}/${n} RUNNING`);
        }
        result.rpcMs.push(r.ms);
      }
      if (exitInfo || deadlineHit) throw new Error('exited during ctl calls');

      await sleep(stopGapMs);
      if (exitInfo || deadlineHit) throw new Error('exited while idle before SIGTERM');

      // 2. stop: SIGTERM to the inner PID 1 until unshare has exited
      const tStop = performance.now();
      process.kill(child.innerPid, 'SIGTERM');
      const e = await exited;
      result.stopMs = e.t - tStop;
      result.exit = e.signal ? `signal ${e.signal}` : `code ${e.code}`;
      if (deadlineHit) throw new Error('deadline hit while stopping');
    } finally {
      clearTimeout(deadline);
    }
  } catch (err) {
    result.error = `${err.message}${deadlineHit ? ' (deadline)' : ''}`;
    result.outputTail = tail.slice(-1500);
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) {
      killTree(child);
      await new Promise((r) => { if (child.exitCode !== null || child.signalCode !== null) r(); else child.once('exit', r); });
    }
    if (child) live.delete(child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

// ---------------------------------------------------------------- main

function preflight() {
  if (process.platform !== 'linux') die('Linux only');
  for (const f of ['dist/init.js', 'dist/tend.node']) {
    if (!fs.existsSync(path.join(REPO, f))) die(`${f} is missing: run \`node scripts/build.mjs\` first`);
  }
  for (const f of [SUPERVISORD, SUPERVISORCTL]) if (!fs.existsSync(f)) die(`${f} is missing`);
  try {
    execFileSync('unshare', ['--pid', '--fork', '--mount-proc', 'true'], { stdio: 'ignore', timeout: 10_000 });
  } catch {
    die('`unshare --pid --fork --mount-proc true` failed (needs root or CAP_SYS_ADMIN)');
  }
}

function versionOf(cmd, args) {
  try { return execFileSync(cmd, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return null; }
}

function fmt(x, unit) {
  if (x === null || x === undefined) return '–';
  if (unit === 'MiB') return x.toFixed(1);
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  preflight();

  trials.root = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-bench-'));
  // Snapshot tend's build so a concurrent rebuild of dist/ cannot change it mid-run.
  const tendDir = path.join(trials.root, 'tend-dist');
  fs.mkdirSync(tendDir);
  for (const f of ['init.js', 'tend.node']) fs.copyFileSync(path.join(REPO, 'dist', f), path.join(tendDir, f));

  const meta = {
    date: new Date().toISOString(),
    host: { nproc: os.availableParallelism(), node: process.version, kernel: os.release(), cpu: os.cpus()[0]?.model ?? null },
    tend: {
      version: JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version,
      commit: versionOf('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']),
    },
    supervisord: versionOf(SUPERVISORD, ['--version']),
    runs: opts.runs,
    settleMs: opts.settle,
  };
  log(`lifecycle: ${opts.runs} runs, tend ${meta.tend.version} (${meta.tend.commit}) vs supervisord ${meta.supervisord}, node ${process.version}, nproc ${meta.host.nproc}`);

  // Cost of the client alone: supervisorctl against a socket nobody listens on.
  const baselineMs = [];
  for (let i = 0; i < CTL_CALLS; i++) baselineMs.push((await timedRun(SUPERVISORCTL, ['-s', `unix://${trials.root}/none.sock`, 'status'])).ms);

  const results = [];
  const t0 = performance.now();
  for (let run = 0; run < opts.runs; run++) {
    const stopGapMs = Math.round((1000 * (run + 0.5)) / opts.runs);
    for (let si = 0; si < CASES.length; si++) {
      const order = (run + si) % 2 === 0 ? ['tend', 'supervisord'] : ['supervisord', 'tend'];
      for (const kind of order) {
        const r = await trial(kind, CASES[si], tendDir, opts.settle, stopGapMs);
        r.run = run;
        r.stopGapMs = stopGapMs;
        results.push(r);
        if (r.error) log(`  run ${run + 1} ${kind} ${r.case}: FAILED: ${r.error}${r.outputTail ? `\n    output: ${r.outputTail.replace(/\n/g, '\n    ')}` : ''}`);
        else log(`  run ${run + 1} ${kind.padEnd(11)} ${r.case.padStart(4)}: start ${fmt(r.startMs)} ms, rss ${(r.rssKb / 1024).toFixed(1)} MiB, ctl ${fmt(median(r.ctlMs))} ms, rpc ${fmt(median(r.rpcMs))} ms, stop ${fmt(r.stopMs)} ms after ${stopGapMs} ms idle (${r.exit})`);
      }
    }
  }
  const elapsedS = (performance.now() - t0) / 1000;

  // ---- aggregate
  const metricDefs = [];
  for (const c of CASES) {
    const p = c.what;
    const n = c.n;
    metricDefs.push(
      { key: `start_${c.key}`, label: `start → ${n === 1 ? 'program' : `all ${n}`} up, ${p}`, unit: 'ms', get: (r) => r.startMs },
      { key: `stop_${c.key}`, label: `SIGTERM → exit, ${p}`, unit: 'ms', get: (r) => r.stopMs },
      { key: `rss_${c.key}`, label: `RSS (VmRSS), ${p}`, unit: 'MiB', get: (r) => r.rssKb / 1024 },
      { key: `anon_${c.key}`, label: `RSS anon (RssAnon), ${p}`, unit: 'MiB', get: (r) => r.anonKb / 1024 },
      { key: `ctl_${c.key}`, label: `supervisorctl status, ${p}`, unit: 'ms', get: (r) => median(r.ctlMs) },
      { key: `rpc_${c.key}`, label: `raw XML-RPC getAllProcessInfo, ${p}`, unit: 'ms', get: (r) => median(r.rpcMs) },
    );
  }
  // the new shapes add only their stop times to the table (their other figures match plain's)
  const order = ['start_1', 'start_20', 'stop_1', 'stop_20', 'stop_gc', 'stop_ad20', 'rss_1', 'rss_20', 'anon_1', 'anon_20', 'ctl_1', 'ctl_20', 'rpc_1', 'rpc_20'];
  for (let i = metricDefs.length - 1; i >= 0; i--) if (!order.includes(metricDefs[i].key)) metricDefs.splice(i, 1);
  metricDefs.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));

  const metrics = {};
  for (const m of metricDefs) {
    const entry = { label: m.label, unit: m.unit };
    for (const kind of ['tend', 'supervisord']) {
      const xs = results.filter((r) => r.kind === kind && r.case === m.key.split('_')[1] && !r.error).map(m.get);
      entry[kind] = { median: median(xs), min: xs.length ? Math.min(...xs) : null, max: xs.length ? Math.max(...xs) : null, samples: xs.map((x) => Number(x.toFixed(3))) };
    }
    entry.ratio = entry.tend.median !== null && entry.supervisord.median ? entry.tend.median / entry.supervisord.median : null;
    metrics[m.key] = entry;
  }
  const failures = results.filter((r) => r.error).map((r) => ({ run: r.run, kind: r.kind, case: r.case, error: r.error }));

  // ---- table
  const rows = [
    `| metric (median of ${opts.runs}) | unit | tend | supervisord | tend / supervisord | tend min–max | supervisord min–max |`,
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const m of metricDefs) {
    const e = metrics[m.key];
    const range = (s) => (s.min === null ? '–' : `${fmt(s.min, m.unit)}–${fmt(s.max, m.unit)}`);
    rows.push(`| ${e.label} | ${m.unit} | ${fmt(e.tend.median, m.unit)} | ${fmt(e.supervisord.median, m.unit)} | ${e.ratio === null ? '–' : e.ratio.toFixed(2)} | ${range(e.tend)} | ${range(e.supervisord)} |`);
  }
  const comms = [...new Set(results.filter((r) => r.comm).map((r) => `${r.kind}=${r.comm}`))].join(', ');
  const out = [
    '',
    `tend ${meta.tend.version} (${meta.tend.commit ?? '?'}) vs supervisord ${meta.supervisord ?? '?'} — ${meta.date}`,
    `host: nproc ${meta.host.nproc}, node ${meta.host.node}, kernel ${meta.host.kernel}; ${opts.runs} runs in ${elapsedS.toFixed(0)} s; settle before RSS ${opts.settle} ms; idle before SIGTERM stepped over 0–1000 ms; measured processes: ${comms}`,
    '',
    ...rows,
    '',
    `supervisorctl against a socket nobody listens on (client cost alone): median ${fmt(median(baselineMs))} ms`,
    failures.length ? `FAILED trials: ${failures.length} (excluded from medians): ${failures.map((f) => `run ${f.run + 1} ${f.kind} ${f.case}: ${f.error}`).join('; ')}` : 'failed trials: 0',
    '',
  ];
  process.stdout.write(out.join('\n'));

  const stopGapsMs = Array.from({ length: opts.runs }, (_, r) => Math.round((1000 * (r + 0.5)) / opts.runs));
  const summary = { ...meta, stopGapsMs, elapsedS: Number(elapsedS.toFixed(1)), ctlClientBaselineMs: median(baselineMs), metrics, failures };
  if (opts.json) {
    fs.writeFileSync(opts.json, `${JSON.stringify(summary, null, 2)}\n`);
    log(`lifecycle: JSON written to ${opts.json}`);
  } else {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  }
  cleanupAll();
  process.exitCode = failures.length ? 1 : 0;
}

main().catch((err) => {
  log(`lifecycle: ${err.stack ?? err}`);
  cleanupAll();
  process.exit(2);
});
