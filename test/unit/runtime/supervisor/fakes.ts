// Fakes for Supervisor unit tests: scripted spawner, manual reaper, recording log/output/kill.

import { Socket } from 'node:net';
import type { ProcessConfig } from '../../../../src/config/types';
import type { CommandCheck } from '../../../../src/core/port';
import type { ChildOutput, Level, MainLog } from '../../../../src/logging/types';
import { Supervisor, type ProcessOutput } from '../../../../src/runtime/supervisor/supervisor';
import type { ExitStatus, Reaper, SpawnOutcome, Spawner } from '../../../../src/runtime/types';
import { config } from '../../core/config-factory';
import type { GroupConfig, LoadResult, SupervisordConfig } from '../../../../src/config/types';

export class FakeSpawner implements Spawner {
  nextPid = 100;
  /** program name -> spawnerr for every spawn of it */
  readonly failures = new Map<string, string>();
  readonly spawned: { name: string; pid: number; at: number }[] = [];

  check(): CommandCheck {
    return { ok: true };
  }

  spawn(proc: ProcessConfig): SpawnOutcome {
    const spawnerr = this.failures.get(proc.name);
    if (spawnerr !== undefined) return { ok: false, spawnerr };
    const pid = this.nextPid++;
    this.spawned.push({ name: proc.name, pid, at: Date.now() });
    return { ok: true, child: { pid, stdin: new Socket() } };
  }

  pidOf(name: string): number {
    const last = this.spawned.filter((s) => s.name === name).at(-1);
    if (last === undefined) throw new Error(`${name} was never spawned`);
    return last.pid;
  }
}

export class FakeReaper implements Reaper {
  onExit: ((status: ExitStatus) => void) | null = null;
  stopped = false;

  start(onExit: (status: ExitStatus) => void): void {
    this.onExit = onExit;
  }

  reapNow(): void {}

  stop(): void {
    this.stopped = true;
  }

  exit(pid: number, code: number | null, signal: number | null = null): void {
    if (this.onExit === null) throw new Error('reaper not started');
    this.onExit({ pid, code, signal, coreDumped: false });
  }
}

export class FakeLog implements MainLog {
  readonly lines: string[] = [];

  log(level: Level, text: string): void {
    this.lines.push(`${level} ${text}`);
  }

  has(line: string): boolean {
    return this.lines.includes(line);
  }
}

export class FakeOutput implements ProcessOutput {
  readonly startedNames: string[] = [];
  /** names whose next prepare() throws EACCES (a log file that cannot be opened) */
  readonly failing = new Set<string>();

  prepare(proc: ProcessConfig): ChildOutput {
    if (this.failing.has(proc.name)) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    return { stdoutFd: null, stderrFd: null, read: () => undefined };
  }

  started(proc: ProcessConfig): void {
    this.startedNames.push(proc.name);
  }

  logfiles(): { readonly stdout: string; readonly stderr: string } {
    return { stdout: '', stderr: '' };
  }

  addProcesses(): void {}

  removeProcesses(): void {}
}

export interface Harness {
  readonly sup: Supervisor;
  readonly spawner: FakeSpawner;
  readonly reaper: FakeReaper;
  readonly log: FakeLog;
  readonly output: FakeOutput;
  /** every kill(pid, sig) call, in order; a signal in failKills throws EPERM */
  readonly kills: [number, number][];
  readonly failKills: Set<number>;
}

function errno(code: string): Error {
  return Object.assign(new Error(`kill ${code}`), { code });
}

export function makeSupervisor(groups: readonly GroupConfig[], extra: { reread?: () => LoadResult; supervisord?: Partial<SupervisordConfig> } = {}): Harness {
  const spawner = new FakeSpawner();
  const reaper = new FakeReaper();
  const log = new FakeLog();
  const output = new FakeOutput();
  const kills: [number, number][] = [];
  const failKills = new Set<number>();
  const h: { -readonly [K in keyof Harness]: Harness[K] } = {
    sup: undefined as unknown as Supervisor, spawner, reaper, log, output, kills, failKills,
  };
  const alive = (pid: number): boolean => spawner.spawned.some((s) => s.pid === Math.abs(pid));
  h.sup = new Supervisor({
    config: config(groups, extra.supervisord), spawner, reaper, log, output,
    spawnContext: { baseEnv: {}, serverUrl: null },
    reread: extra.reread,
    kill: (pid, signal) => {
      kills.push([pid, signal]);
      if (failKills.has(signal)) throw errno('EPERM');
      if (!alive(pid)) throw errno('ESRCH');
    },
  });
  return h;
}
