// Runs the real bundle (dist/init.js) as PID 1 of a fresh PID namespace
// (`unshare --pid --fork --mount-proc`), collects its output line by line, and kills
// everything it started when the test's deadline passes or the test ends. Configs may name
// the fixture programs (test/fixtures/bin) as @BIN@; fixtureConf() reads test/fixtures/conf.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const INIT = path.join(ROOT, 'dist/init.js');
export const CTL = path.join(ROOT, 'dist/ctl.js');
export const FIXTURES = path.join(ROOT, 'test/fixtures');
/** the fixture programs, named for what they do (exit-with, ignore-term, print-lines, ...) */
export const BIN = path.join(FIXTURES, 'bin');
/** the node binary under test (TEND_NODE picks Node 22 or 24 in CI) */
export const NODE = process.env.TEND_NODE || process.execPath;

export interface InitOptions {
  /** INI text, written as supervisord.conf in a fresh temp dir (use %(here)s for paths, @BIN@ for test/fixtures/bin) */
  readonly config?: string;
  /** extra files to write into the temp dir: name -> content */
  readonly files?: Readonly<Record<string, string>>;
  /** arguments after `init.js`; default `-c <dir>/supervisord.conf` when config is given */
  readonly args?: readonly string[];
  /** kill everything after this many ms (required) */
  readonly deadlineMs: number;
  /** run as PID 1 in a new PID namespace (default true) */
  readonly pid1?: boolean;
  readonly env?: Readonly<Record<string, string>>;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface InitRun {
  readonly dir: string;
  readonly output: string[];
  /** the init's stdout lines alone, and its stderr lines alone */
  readonly stdoutLines: string[];
  readonly stderrLines: string[];
  /** the init's pid as seen from outside its namespace */
  initPid(): number;
  /** resolve with the first line (already seen or future) matching re */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  /** resolve with the n-th match (1-based) */
  waitForNth(re: RegExp, n: number, timeoutMs?: number): Promise<string>;
  signal(sig: NodeJS.Signals): void;
  readonly exited: Promise<Exit>;
  /** SIGKILL the whole tree and remove the temp dir */
  kill(): Promise<void>;
  /** run dist/ctl.js with these args (server found via the config or -s) */
  ctl(args: readonly string[], opts?: { env?: Record<string, string> }): { stdout: string; stderr: string; status: number | null };
}

function childrenOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** config text with the harness's placeholders filled in: @BIN@ is test/fixtures/bin */
export function fillIn(config: string): string {
  return config.replaceAll('@BIN@', BIN);
}

/** a config (or the head of one) from test/fixtures/conf, placeholders filled in */
export function fixtureConf(name: string): string {
  return fillIn(fs.readFileSync(path.join(FIXTURES, 'conf', name), 'utf8'));
}

export function makeDir(prefix = 'tend-it-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function startInit(opts: InitOptions): InitRun {
  const dir = makeDir();
  for (const [name, content] of Object.entries(opts.files ?? {})) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content, { mode: name.endsWith('.sh') ? 0o755 : 0o644 });
  }
  const confPath = path.join(dir, 'supervisord.conf');
  if (opts.config !== undefined) fs.writeFileSync(confPath, fillIn(opts.config));
  const args = opts.args ?? (opts.config !== undefined ? ['-c', confPath] : []);
  const pid1 = opts.pid1 ?? true;
  const argv = pid1 ? ['--pid', '--fork', '--mount-proc', NODE, INIT, ...args] : [INIT, ...args];
  const child: ChildProcess = spawn(pid1 ? 'unshare' : NODE, argv, {
    cwd: dir,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const output: string[] = [];
  const stdoutLines: string[] = [];
  const stderrLines: string[] = [];
  const waiters: Array<() => void> = [];
  const notify = (): void => { for (const w of waiters.slice()) w(); };
  for (const [stream, own] of [[child.stdout, stdoutLines], [child.stderr, stderrLines]] as const) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      output.push(...parts);
      own.push(...parts);
      if (process.env.TEND_TEST_VERBOSE) for (const p of parts) process.stderr.write(`  | ${p}\n`);
      notify();
    });
  }

  let done = false;
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (code, signal) => { done = true; notify(); resolve({ code, signal }); });
  });

  const initPid = (): number => {
    if (!pid1) return child.pid ?? -1;
    return childrenOf(child.pid ?? -1)[0] ?? -1;
  };
  const killAll = (): void => {
    const inner = initPid();
    if (inner > 0) { try { process.kill(inner, 'SIGKILL'); } catch { /* gone */ } }
    try { child.kill('SIGKILL'); } catch { /* gone */ }
  };
  const deadline = setTimeout(() => {
    process.stderr.write(`harness: deadline of ${opts.deadlineMs} ms passed; killing init\n${output.slice(-30).join('\n')}\n`);
    killAll();
  }, opts.deadlineMs);
  deadline.unref();
  void exited.then(() => clearTimeout(deadline));

  const waitForNth = (re: RegExp, n: number, timeoutMs = 10_000): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const hits = output.filter((l) => re.test(l));
        if (hits.length >= n) {
          resolve(hits[n - 1] as string);
          return true;
        }
        if (done) {
          reject(new Error(`init exited before ${re} (#${n}); output:\n${output.join('\n')}`));
          return true;
        }
        return false;
      };
      if (check()) return;
      const waiter = (): void => {
        if (check()) { waiters.splice(waiters.indexOf(waiter), 1); clearTimeout(t); }
      };
      const t = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${re} (#${n}); output:\n${output.join('\n')}`));
      }, timeoutMs);
      waiters.push(waiter);
    });

  return {
    dir,
    output,
    stdoutLines,
    stderrLines,
    initPid,
    waitFor: (re, timeoutMs) => waitForNth(re, 1, timeoutMs),
    waitForNth,
    signal(sig) {
      const pid = initPid();
      if (pid <= 0) throw new Error('init is not running');
      process.kill(pid, sig);
    },
    exited,
    async kill() {
      killAll();
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
    ctl(ctlArgs, ctlOpts) {
      const r = spawnSync(NODE, [CTL, ...(opts.config !== undefined ? ['-c', confPath] : []), ...ctlArgs], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 15_000,
        env: { ...process.env, ...ctlOpts?.env },
      });
      return { stdout: r.stdout, stderr: r.stderr, status: r.status };
    },
  };
}

/** parse the timestamp of a main-log line into epoch ms */
export function lineTime(line: string): number {
  const m = /(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3})/.exec(line);
  if (!m) throw new Error(`no timestamp in: ${line}`);
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[];
  return new Date(y as number, (mo as number) - 1, d, h, mi, s, ms).getTime();
}
