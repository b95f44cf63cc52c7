// The last step of a shutdown or reload, once every program has stopped: processes tend adopted
// (daemons that double-forked, children a program left behind, grandchildren holding its pipes)
// get SIGTERM, then SIGKILL when adopted_stopwaitsecs (or the shutdown_timeout) runs out. It ends
// as soon as none is left: every exit of one is reaped by tend, and the last one always is, so
// each reaped exit is the moment to look again. No polling, no fixed wait.

import { describeExit } from '../core/exit-status';
import type { MainLog } from '../logging/types';
import type { ProcEntry } from './descendants';
import type { ExitStatus } from './types';

export interface SweepHost {
  readonly log: MainLog;
  /** kill(2); errors (ESRCH: already gone) are the host's to swallow */
  kill(pid: number, signal: number): void;
  /** tend's descendants now */
  list(): readonly ProcEntry[];
  /** epoch ms */
  now(): number;
}

const SIGTERM = 15;
const SIGKILL = 9;

function living(list: readonly ProcEntry[]): ProcEntry[] {
  return list.filter((p) => p.state !== 'Z');
}

export class OrphanSweep {
  readonly done: Promise<void>;
  private finish: () => void = () => undefined;
  private readonly signalled = new Map<number, ProcEntry>();
  private timer: NodeJS.Timeout | null = null;
  private killed = false;
  private over = false;

  /** graceMs: adopted_stopwaitsecs in ms; deadlineAt: the shutdown_timeout's end (epoch ms) or null */
  constructor(private readonly host: SweepHost, private readonly graceMs: number, private readonly deadlineAt: number | null) {
    this.done = new Promise((resolve) => { this.finish = resolve; });
  }

  start(): void {
    this.look();
    if (this.over) return;
    const left = this.deadlineAt === null ? this.graceMs : Math.min(this.graceMs, Math.max(0, this.deadlineAt - this.host.now()));
    this.timer = setTimeout(() => this.killAll(), left);
  }

  /** A reaped exit (tend's child): report it if it is one of ours, then look again. */
  onExit(status: ExitStatus): void {
    const p = this.signalled.get(status.pid);
    if (p !== undefined) {
      this.signalled.delete(status.pid);
      this.host.log.log('INFO', `adopted process ${p.pid} (${p.command}) ended: ${describeExit(status)}`);
    }
    if (!this.over) this.look();
  }

  /** TERM any living descendant not signalled yet; end when none is left. */
  private look(): void {
    const now = living(this.host.list());
    if (now.length === 0) return this.end();
    for (const p of now) {
      if (this.signalled.has(p.pid)) continue;
      this.signalled.set(p.pid, p);
      this.send(p, this.killed ? SIGKILL : SIGTERM);
    }
  }

  private killAll(): void {
    this.killed = true;
    for (const p of living(this.host.list())) {
      this.signalled.set(p.pid, p);
      this.send(p, SIGKILL);
    }
    // SIGKILL cannot be ignored: what still lives after another grace (a process stuck in the
    // kernel) is named and left to the kernel, so that tend itself can end
    this.timer = setTimeout(() => {
      const left = living(this.host.list());
      if (left.length > 0) this.host.log.log('CRIT', `still alive after SIGKILL: ${left.map((p) => `${p.pid} (${p.command})`).join(', ')}`);
      this.end();
    }, Math.max(this.graceMs, 1000));
  }

  private send(p: ProcEntry, signal: number): void {
    const name = signal === SIGKILL ? 'SIGKILL' : 'SIGTERM';
    this.host.log.log(signal === SIGKILL ? 'WARN' : 'INFO', `sending ${name} to adopted process ${p.pid} (${p.command})`);
    try {
      this.host.kill(p.pid, signal);
    } catch {
      /* gone meanwhile */
    }
  }

  private end(): void {
    if (this.over) return;
    this.over = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    for (const p of this.signalled.values()) this.host.log.log('INFO', `adopted process ${p.pid} (${p.command}) is gone`);
    this.signalled.clear();
    this.finish();
  }
}
