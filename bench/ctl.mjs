// `ctl status` against tend vs `supervisorctl status` against supervisord 4.2.5, on the same
// config, in the same run: wall time per call (median of N), reported as a ratio.
//   node bench/ctl.mjs [--runs 30]
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 30) || 30;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-bench-ctl-'));
const started = [];

function config(name) {
  const d = path.join(dir, name);
  fs.mkdirSync(d);
  const programs = Array.from({ length: 10 }, (_, i) => `[program:p${i}]\ncommand=sleep 1000\nstartsecs=0\nstdout_logfile=NONE\nstderr_logfile=NONE\n`).join('');
  fs.writeFileSync(path.join(d, 'sd.conf'), `[supervisord]\nnodaemon=true\nlogfile=/dev/null\nlogfile_maxbytes=0\npidfile=${d}/sd.pid\n` +
    `[unix_http_server]\nfile=${d}/sd.sock\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n` +
    `[supervisorctl]\nserverurl=unix://${d}/sd.sock\n${programs}`);
  return path.join(d, 'sd.conf');
}

function start(cmd, args) {
  const p = spawn(cmd, args, { stdio: 'ignore', detached: true });
  started.push(p);
  return p;
}

function cleanup() {
  for (const p of started) { try { process.kill(-p.pid, 'SIGKILL'); } catch { /* gone */ } }
  fs.rmSync(dir, { recursive: true, force: true });
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

function waitRunning(cmd, args) {
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if ((r.stdout.match(/RUNNING/g) ?? []).length === 10) return;
    spawnSync('sleep', ['0.2']);
  }
  throw new Error(`${cmd} never showed 10 RUNNING`);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(cmd, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`);
  return ms;
}

const sdConf = config('supervisord');
const tendConf = config('tend');
start('supervisord', ['-n', '-c', sdConf]);
start(process.execPath, [path.join(ROOT, 'dist/init.js'), '-c', tendConf]);
const sctl = ['supervisorctl', ['-c', sdConf, 'status']];
const tctl = [process.execPath, [path.join(ROOT, 'dist/ctl.js'), '-c', tendConf, 'status']];
waitRunning(...sctl);
waitRunning(...tctl);
const a = [];
const b = [];
for (let i = 0; i < runs; i++) { // alternating, so load changes hit both alike
  a.push(time(...sctl));
  b.push(time(...tctl));
}
const ms = (x) => `${x.toFixed(1)} ms`;
console.log(`status of 10 processes, median of ${runs} alternating runs, ${os.cpus().length} CPUs, node ${process.version}`);
console.log(`| command | median | min |\n|---|---:|---:|`);
console.log(`| supervisorctl status (supervisord 4.2.5) | ${ms(median(a))} | ${ms(Math.min(...a))} |`);
console.log(`| ctl status (tend) | ${ms(median(b))} | ${ms(Math.min(...b))} |`);
console.log(`ratio tend/supervisorctl: ${(median(b) / median(a)).toFixed(2)} (target: at most 0.33)`);
const bare = [];
for (let i = 0; i < runs; i++) bare.push(time(process.execPath, ['-e', '0']));
console.log(`for scale: node -e 0 alone takes ${ms(median(bare))} (${(median(bare) / median(a)).toFixed(2)} of supervisorctl)`);
process.exit(0);
