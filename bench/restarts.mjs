#!/usr/bin/env node
// Restart rate of a program that exits at once (startsecs=0, autorestart=true): spawns per second
// and the daemon's CPU, tend vs supervisord 4.2.5, each as PID 1 of its own PID namespace.
// Usage: node bench/restarts.mjs [--runs N] [--window S] [--tend DIR] [--json FILE]
// Prints progress to stderr and a Markdown table to stdout. See bench/README.md.

import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { childrenOf, median, Trials } from './common.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const SUPERVISORD = '/usr/bin/supervisord';
const FIRST_SPAWN_DEADLINE_MS = 10_000;
const CLK_TCK = 100; // Linux USER_HZ

function die(msg) {
  process.stderr.write(`restarts: ${msg}\n`);
  process.exit(2);
}

const log = (msg) => process.stderr.write(`${msg}\n`);

function parseArgs(argv) {
  const opts = { runs: 3, window: 5, json: null, tend: path.join(REPO, 'dist') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => (i + 1 < argv.length ? argv[++i] : die(`${a} needs a value`));
    if (a === '--runs') opts.runs = Number(next());
    else if (a === '--window') opts.window = Number(next());
    else if (a === '--json') opts.json = next();
    else if (a === '--tend') opts.tend = path.resolve(next());
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node bench/restarts.mjs [--runs N] [--window S] [--tend DIR] [--json FILE]\n');
      process.exit(0);
    } else die(`unknown argument: ${a}`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) die('--runs must be a positive integer');
  if (!(opts.window > 0)) die('--window must be a number of seconds > 0');
  return opts;
}

// ---------------------------------------------------------------- cleanup bookkeeping

const trials = new Trials('restarts');
const { live } = trials;
const killTree = (child) => trials.killTree(child);

// ---------------------------------------------------------------- helpers

/** utime + stime of a process, in seconds */
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function lines(file) {
  try { return fs.readFileSync(file, 'utf8').split('\n').length - 1; } catch { return 0; }
}

function writeConfig(dir) {
  const text = [
    '[supervisord]', 'nodaemon=true', 'logfile=/dev/null', 'logfile_maxbytes=0',
    `pidfile=${dir}/supervisord.pid`, `childlogdir=${dir}`, '',
    '[program:storm]',
    `command=sh -c 'echo >> ${dir}/spawns; exit 1'`,
    'startsecs=0', 'autorestart=true', 'stdout_logfile=NONE', 'stderr_logfile=NONE', '',
  ].join('\n');
  const file = path.join(dir, 'supervisord.conf');
  fs.writeFileSync(file, text);
  return file;
}

// ---------------------------------------------------------------- one trial

async function trial(kind, tendDir, windowS) {
  const dir = fs.mkdtempSync(path.join(trials.root, `${kind}-`));
  const conf = writeConfig(dir);
  const spawns = path.join(dir, 'spawns');
  const cmd = kind === 'tend' ? [process.execPath, path.join(tendDir, 'init.js'), '-c', conf] : [SUPERVISORD, '-c', conf];
  const child = spawn('unshare', ['--pid', '--fork', '--mount-proc', '--kill-child=SIGKILL', ...cmd], {
    cwd: dir, stdio: 'ignore',
  });
  live.add(child);
  const result = { kind };
  try {
    const t0 = performance.now();
    while (lines(spawns) === 0) {
      if (child.exitCode !== null || performance.now() - t0 > FIRST_SPAWN_DEADLINE_MS) throw new Error('no first spawn');
      await sleep(5);
    }
    const inner = childrenOf(child.pid);
    if (inner.length !== 1) throw new Error(`expected one child of unshare, found [${inner}]`);
    child.innerPid = inner[0];
    await sleep(1000); // past supervisord's first-second startup
    const c0 = lines(spawns);
    const cpu0 = cpuSeconds(child.innerPid);
    const w0 = performance.now();
    await sleep(windowS * 1000);
    const elapsed = (performance.now() - w0) / 1000;
    result.spawnsPerSecond = (lines(spawns) - c0) / elapsed;
    result.cpuPercent = ((cpuSeconds(child.innerPid) - cpu0) / elapsed) * 100;
  } catch (err) {
    result.error = err.message;
  } finally {
    killTree(child);
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
    live.delete(child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

// ---------------------------------------------------------------- main

function preflight(tend) {
  if (process.platform !== 'linux') die('Linux only');
  for (const f of ['init.js', 'tend.node']) {
    if (!fs.existsSync(path.join(tend, f))) die(`${tend}/${f} is missing: run \`npm run build\` first`);
  }
  if (!fs.existsSync(SUPERVISORD)) die(`${SUPERVISORD} is missing`);
  try {
    execFileSync('unshare', ['--pid', '--fork', '--mount-proc', 'true'], { stdio: 'ignore', timeout: 10_000 });
  } catch {
    die('`unshare --pid --fork --mount-proc true` failed (needs root or CAP_SYS_ADMIN)');
  }
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

function table(results, runs, windowS) {
  const ok = (kind) => results.filter((r) => r.kind === kind && r.error === undefined);
  const row = (label, unit, get) => {
    const [t, s] = [ok('tend').map(get), ok('supervisord').map(get)];
    if (t.length === 0 || s.length === 0) return `| ${label} | ${unit} | – | – | – | – | – |`;
    const [mt, ms] = [median(t), median(s)];
    const range = (xs) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
    return `| ${label} | ${unit} | ${fmt(mt)} | ${fmt(ms)} | ${fmt(mt / ms)} | ${range(t)} | ${range(s)} |`;
  };
  return [
    `| metric (median of ${runs}, ${windowS} s window) | unit | tend | supervisord | tend / supervisord | tend min–max | supervisord min–max |`,
    '|---|---|---:|---:|---:|---:|---:|',
    row('spawns of an exit-at-once program', '1/s', (r) => r.spawnsPerSecond),
    row('daemon CPU meanwhile', '%', (r) => r.cpuPercent),
  ].join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  preflight(opts.tend);
  trials.root = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-bench-restarts-'));
  const tendDir = path.join(trials.root, 'tend-dist');
  fs.mkdirSync(tendDir);
  for (const f of ['init.js', 'tend.node']) fs.copyFileSync(path.join(opts.tend, f), path.join(tendDir, f));
  const results = [];
  for (let run = 0; run < opts.runs; run++) {
    for (const kind of run % 2 === 0 ? ['tend', 'supervisord'] : ['supervisord', 'tend']) {
      const r = await trial(kind, tendDir, opts.window);
      results.push({ ...r, run });
      if (r.error) log(`  run ${run + 1} ${kind}: FAILED: ${r.error}`);
      else log(`  run ${run + 1} ${kind.padEnd(11)}: ${fmt(r.spawnsPerSecond)} spawns/s, daemon CPU ${fmt(r.cpuPercent)} %`);
    }
  }
  process.stdout.write(`${table(results, opts.runs, opts.window)}\n`);
  const summary = { date: new Date().toISOString(), node: process.version, nproc: os.availableParallelism(), window: opts.window, results };
  if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify(summary)}\n`);
  else process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exitCode = results.some((r) => r.error) ? 1 : 0;
}

await main();
