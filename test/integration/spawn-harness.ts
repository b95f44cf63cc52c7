// Runs a TypeScript fixture (test/fixtures/bin/*.ts) with the node under test, as PID 1 of a
// fresh PID namespace (`unshare --pid --fork --mount-proc --kill-child`) or as a plain child,
// and SIGKILLs everything it started when the deadline passes.

import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(ROOT, 'test/fixtures/bin');
export const NODE = process.env.TEND_NODE || process.execPath;

export interface FixtureResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface FixtureRun {
  readonly child: ChildProcess;
  readonly done: Promise<FixtureResult>;
  /** resolves once stdout contains text */
  waitForStdout(text: string): Promise<void>;
  /** the fixture's own pid as seen from here (inside the namespace it is 1) */
  fixturePid(): number;
}

function childrenOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export function runFixture(
  script: string,
  args: readonly string[],
  opts: { readonly deadlineMs: number; readonly pid1?: boolean; readonly env?: Record<string, string> },
): FixtureRun {
  const pid1 = opts.pid1 ?? true;
  const nodeArgs = ['--import', 'tsx', path.join(BIN, script), ...args];
  const child = pid1
    ? spawn('unshare', ['--pid', '--fork', '--mount-proc', '--kill-child=SIGKILL', NODE, ...nodeArgs], {
      cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    : spawn(NODE, nodeArgs, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout?.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
    for (const w of waiters.splice(0)) w();
  });
  child.stderr?.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const fixturePid = (): number => (pid1 ? childrenOf(child.pid ?? -1)[0] ?? -1 : child.pid ?? -1);
  const timer = setTimeout(() => {
    process.stderr.write(`spawn-harness: deadline for ${script} passed; killing it\n`);
    const inner = fixturePid();
    if (inner > 0) try { process.kill(inner, 'SIGKILL'); } catch { /* gone */ }
    child.kill('SIGKILL');
  }, opts.deadlineMs);
  const done = new Promise<FixtureResult>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const w of waiters.splice(0)) w();
      resolve({ code, signal, stdout, stderr });
    });
  });
  const waitForStdout = async (text: string): Promise<void> => {
    while (!stdout.includes(text)) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`fixture exited before printing ${text}: ${stderr}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { child, done, waitForStdout, fixturePid };
}

/** The last line of stdout, parsed as JSON. */
export function lastJson<T>(r: FixtureResult): T {
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null') as T;
}
