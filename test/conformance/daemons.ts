// The three daemons of the conformance suite and the clients run against them.
// Self-contained on purpose (no imports from test/integration, whose helpers change under us).
//
// Every daemon runs as PID 1 of its own PID namespace under `timeout -s KILL`:
//   timeout -s KILL <s> unshare --pid --fork --kill-child --mount-proc <daemon...>
// so whatever happens to this test process, the daemon and every child it spawned die within
// the deadline (unshare's --kill-child takes the namespace init down, and the kernel then kills
// the whole namespace). kill() SIGKILLs the process group that `timeout` made.

import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const SUPERVISORD = process.env.SUPERVISORD || '/usr/bin/supervisord';
export const SUPERVISORCTL = process.env.SUPERVISORCTL || '/usr/bin/supervisorctl';
export const TEND_INIT = process.env.TEND_INIT || path.join(ROOT, 'dist/init.js');
export const TEND_CTL = process.env.TEND_CTL || path.join(ROOT, 'dist/ctl.js');
export const NODE = process.env.TEND_NODE || process.execPath;

export type Kind = 'supervisord' | 'tend';

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  /** exit code, or null when the client had to be killed */
  readonly code: number | null;
}

function clientEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('SUPERVISOR_')) delete env[k];
  return env;
}

/** Run a program to completion (stdin is /dev/null), killing it after timeoutMs. */
export function run(cmd: string, args: readonly string[], opts: { cwd: string; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: clientEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { stdout += c; });
    child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
    const timer = setTimeout(() => {
      stderr += `\n[conformance: killed after ${opts.timeoutMs ?? 20_000} ms]\n`;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 20_000);
    child.on('error', (err) => { stderr += String(err); });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
  });
}

export interface ProcState {
  readonly name: string;
  readonly group: string;
  readonly statename: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class Daemon {
  readonly conf: string;
  readonly sock: string;
  readonly output: string[] = [];
  private child: ChildProcess | null = null;
  private exitP: Promise<number | null> = Promise.resolve(null);
  private deadline: NodeJS.Timeout | null = null;

  constructor(readonly kind: Kind, readonly dir: string, readonly label: string) {
    this.conf = path.join(dir, 'supervisord.conf');
    this.sock = path.join(dir, 'sv.sock');
  }

  writeConfig(text: string): void {
    fs.writeFileSync(this.conf, text);
  }

  start(deadlineMs: number): void {
    const cmd = this.kind === 'supervisord' ? [SUPERVISORD, '-n', '-c', this.conf] : [NODE, TEND_INIT, '-c', this.conf];
    const secs = String(Math.ceil(deadlineMs / 1000) + 5);
    const child = spawn('timeout', ['-s', 'KILL', secs, 'unshare', '--pid', '--fork', '--kill-child', '--mount-proc', ...cmd], {
      cwd: this.dir,
      env: clientEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    for (const s of [child.stdout, child.stderr]) {
      let partial = '';
      s.setEncoding('utf8').on('data', (c: string) => {
        const parts = (partial + c).split('\n');
        partial = parts.pop() ?? '';
        this.output.push(...parts);
        if (process.env.TEND_TEST_VERBOSE) for (const p of parts) process.stderr.write(`  ${this.label} | ${p}\n`);
      });
    }
    this.exitP = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    this.deadline = setTimeout(() => {
      process.stderr.write(`conformance: deadline of ${deadlineMs} ms passed; killing ${this.label}\n`);
      this.kill();
    }, deadlineMs);
    this.deadline.unref();
    void this.exitP.then(() => { if (this.deadline) clearTimeout(this.deadline); });
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** resolves when the daemon (and so its namespace) is gone; rejects after timeoutMs */
  async exited(timeoutMs = 15_000): Promise<number | null> {
    let t: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      t = setTimeout(() => reject(new Error(`${this.label} did not exit within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exitP, timeout]);
    } finally {
      clearTimeout(t);
    }
  }

  kill(): void {
    const pid = this.child?.pid;
    if (pid === undefined || !this.running) return;
    // `timeout` made its own process group: unshare and the namespace init are in it
    try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
    try { this.child?.kill('SIGKILL'); } catch { /* gone */ }
  }

  /** one XML-RPC call without parameters; resolves with the raw response body */
  rpc(method: string): Promise<string> {
    const body = `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params></params></methodCall>`;
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          socketPath: this.sock,
          path: '/RPC2',
          method: 'POST',
          headers: { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body), Connection: 'close' },
          timeout: 5000,
        },
        (res) => {
          let data = '';
          res.setEncoding('utf8').on('data', (c: string) => { data += c; });
          res.on('end', () => resolve(data));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.on('timeout', () => req.destroy(new Error(`${method}: timed out`)));
      req.end(body);
    });
  }

  async states(): Promise<ProcState[]> {
    const xml = await this.rpc('supervisor.getAllProcessInfo');
    if (xml.includes('<fault>')) throw new Error(`getAllProcessInfo: fault: ${xml}`);
    return xml.split('<struct>').slice(1).map((chunk) => {
      const m: Record<string, string> = {};
      for (const [, k, v] of chunk.matchAll(/<name>(\w+)<\/name>\s*<value>(?:<\w+>)?([^<]*)/g)) m[k as string] = v as string;
      return { name: m.name ?? '?', group: m.group ?? '?', statename: m.statename ?? '?' };
    });
  }

  /** wait until the daemon answers getState with RUNNING (after start or reload) */
  async up(timeoutMs = 15_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < end) {
      if (!this.running) throw new Error(`${this.label} exited while starting:\n${this.tail()}`);
      try {
        last = await this.rpc('supervisor.getState');
        if (/<string>RUNNING<\/string>/.test(last)) return;
      } catch (err) {
        last = String(err);
      }
      await sleep(50);
    }
    throw new Error(`${this.label} not up after ${timeoutMs} ms (${last})\n${this.tail()}`);
  }

  /**
   * Wait until every process satisfies ok(state) (default: none is STARTING, STOPPING or
   * BACKOFF). Returns the states seen last.
   */
  async settle(ok: (p: ProcState) => boolean = (p) => !['STARTING', 'STOPPING', 'BACKOFF'].includes(p.statename), timeoutMs = 15_000): Promise<ProcState[]> {
    const end = Date.now() + timeoutMs;
    let last: ProcState[] = [];
    let err = '';
    while (Date.now() < end) {
      try {
        last = await this.states();
        if (last.every(ok)) return last;
      } catch (e) {
        err = String(e);
      }
      await sleep(50);
    }
    throw new Error(`${this.label}: states did not settle in ${timeoutMs} ms: ${last.map((p) => `${p.group}:${p.name}=${p.statename}`).join(' ')} ${err}`);
  }

  /** state of one process (by process name) */
  async stateOf(name: string): Promise<string | undefined> {
    return (await this.states()).find((p) => p.name === name)?.statename;
  }

  tail(n = 30): string {
    return this.output.slice(-n).join('\n');
  }
}
