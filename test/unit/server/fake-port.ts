// An in-memory daemon and its processes for the control-plane tests (DaemonPort and
// ProcessControl): processes change state when started and stopped (at once, after a delay,
// or when the test says so) and every change is emitted through onChange, as the real
// supervisor does. fake-served.ts adds config changes and logs.

import type { ProcessConfig } from '../../../src/config/types';
import { Refusal } from '../../../src/common/errors';
import type { CommandCheck, DaemonPort, GroupView, ProcessControl, ProcessInfo, ProcessView, StateChange } from '../../../src/core/port';
import { proc } from '../core/config-factory';
import { stateCode, type ProcessStateName, type SupervisorStateName } from '../../../src/core/states';

export type StartBehavior =
  /** STARTING, then RUNNING after delayMs */
  | 'runs'
  /** STARTING, then BACKOFF with "Exited too quickly" after delayMs */
  | 'exits-quickly'
  /** the spawn fails in the parent: STARTING then BACKOFF with a spawnerr, synchronously */
  | 'spawn-fails'
  /** STARTING until the test moves it */
  | 'manual';

export type StopBehavior = 'stops' | 'manual' | 'throws';

export interface FakeProcSpec {
  readonly name: string;
  readonly state?: ProcessStateName;
  readonly pid?: number;
  readonly spawnerr?: string;
  readonly description?: string;
  readonly onStart?: StartBehavior;
  readonly onStop?: StopBehavior;
  readonly check?: CommandCheck;
  /** signal() refuses with FAILED and this text (kill's error) */
  readonly signalError?: string;
}

export interface FakeGroupSpec {
  readonly name: string;
  readonly priority?: number;
  readonly processes: readonly FakeProcSpec[];
}

interface Proc {
  readonly group: string;
  readonly spec: FakeProcSpec;
  readonly config: ProcessConfig;
  state: ProcessStateName;
  pid: number;
  spawnerr: string;
  started: boolean;
}

export const NOW = 1795702758;

export class FakePort implements DaemonPort, ProcessControl {
  /** main-log lines the control plane asked for */
  readonly notes: string[] = [];

  note(text: string): void {
    this.notes.push(text);
  }

  readonly pid = 4242;
  mood: SupervisorStateName = 'RUNNING';
  delayMs = 15;
  readonly calls: string[] = [];
  readonly signals: { group: string; name: string; signo: number }[] = [];
  shutdowns = 0;
  restarts = 0;
  private readonly procs: Proc[] = [];
  private readonly groupSpecs: FakeGroupSpec[];
  private readonly listeners = new Set<(c: StateChange) => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextPid = 1000;

  constructor(groups: readonly FakeGroupSpec[]) {
    this.groupSpecs = [...groups].sort((a, b) => (a.priority ?? 999) - (b.priority ?? 999) || (a.name < b.name ? -1 : 1));
    for (const g of this.groupSpecs) {
      for (const p of g.processes) {
        const state = p.state ?? 'STOPPED';
        this.procs.push({
          group: g.name, spec: p, config: proc(p.name, { group: g.name }), state,
          pid: p.pid ?? (state === 'RUNNING' || state === 'STARTING' || state === 'STOPPING' ? this.nextPid++ : 0),
          spawnerr: p.spawnerr ?? '', started: state !== 'STOPPED',
        });
      }
    }
  }

  identification(): string {
    return 'supervisor';
  }

  state(): SupervisorStateName {
    return this.mood;
  }

  groups(): readonly GroupView[] {
    return this.groupSpecs.map((g) => ({
      name: g.name,
      priority: g.priority ?? 999,
      processes: this.procs.filter((p) => p.group === g.name).map((p) => this.view(p)),
    }));
  }

  private view(p: Proc): ProcessView {
    const info = (): ProcessInfo => ({
      name: p.config.name, group: p.group, start: p.started ? NOW - 10 : 0, stop: 0, now: NOW,
      state: stateCode(p.state), statename: p.state, spawnerr: p.spawnerr, exitstatus: 0, logfile: '',
      stdout_logfile: '', stderr_logfile: '', pid: p.pid, description: this.describe(p),
    });
    return { config: p.config, state: p.state, pid: p.pid, spawnerr: p.spawnerr, restartPending: false, info };
  }

  private describe(p: Proc): string {
    if (p.spec.description !== undefined && p.state === (p.spec.state ?? 'STOPPED')) return p.spec.description;
    switch (p.state) {
      case 'RUNNING':
        return `pid ${p.pid}, uptime 0:00:10`;
      case 'BACKOFF':
      case 'FATAL':
        return p.spawnerr || `unknown error (try "tail ${p.config.name}")`;
      case 'STOPPED':
      case 'EXITED':
        return p.started ? 'Nov 26 02:19 PM' : 'Not started';
      default:
        return '';
    }
  }

  private find(group: string, name: string): Proc {
    const p = this.procs.find((x) => x.group === group && x.config.name === name);
    if (p === undefined) throw new Refusal('BAD_NAME', `${group}:${name}`);
    return p;
  }

  readonly stdinWrites: string[] = [];

  /** take a group out (removeProcessGroup) */
  removeGroup(name: string): void {
    const i = this.groupSpecs.findIndex((g) => g.name === name);
    if (i >= 0) this.groupSpecs.splice(i, 1);
  }

  sendStdin(group: string, name: string, data: Uint8Array): void {
    const p = this.find(group, name);
    if (p.pid === 0 || p.state === 'STOPPING') throw new Refusal('NOT_RUNNING', name);
    this.stdinWrites.push(`${name}:${Buffer.from(data).toString()}`);
  }

  checkCommand(group: string, name: string): CommandCheck {
    return this.find(group, name).spec.check ?? { ok: true };
  }

  /** move a process to a state now, emitting the change */
  set(group: string, name: string, to: ProcessStateName, spawnerr?: string): void {
    const p = this.find(group, name);
    const from = p.state;
    p.state = to;
    if (spawnerr !== undefined) p.spawnerr = spawnerr;
    if (to === 'STARTING') {
      p.pid = this.nextPid++;
      p.started = true;
      p.spawnerr = spawnerr ?? '';
    }
    if (to === 'STOPPED' || to === 'EXITED' || to === 'FATAL' || to === 'BACKOFF') p.pid = 0;
    const change: StateChange = { group, name, from, to, pid: p.pid, expected: true, tries: 1, at: Date.now() };
    for (const l of [...this.listeners]) l(change);
  }

  private later(fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, this.delayMs);
    this.timers.add(t);
  }

  start(group: string, name: string): void {
    this.calls.push(`start ${group}:${name}`);
    const p = this.find(group, name);
    if (!['STOPPED', 'EXITED', 'FATAL', 'BACKOFF'].includes(p.state)) return;
    this.set(group, name, 'STARTING');
    switch (p.spec.onStart ?? 'runs') {
      case 'runs':
        return this.later(() => p.state === 'STARTING' && this.set(group, name, 'RUNNING'));
      case 'exits-quickly':
        return this.later(() => p.state === 'STARTING' && this.set(group, name, 'BACKOFF', 'Exited too quickly (process log may have details)'));
      case 'spawn-fails':
        return this.set(group, name, 'BACKOFF', `can't find command '/bin/${name}'`);
      case 'manual':
        return;
    }
  }

  stop(group: string, name: string): void {
    this.calls.push(`stop ${group}:${name}`);
    const p = this.find(group, name);
    if (p.state === 'BACKOFF') return this.set(group, name, 'STOPPED');
    if (p.state !== 'STARTING' && p.state !== 'RUNNING') return;
    const how = p.spec.onStop ?? 'stops';
    if (how === 'throws') throw new Refusal('FAILED', `Failed to send SIGTERM to ${name}: EPERM`);
    this.set(group, name, 'STOPPING');
    if (how === 'stops') this.later(() => p.state === 'STOPPING' && this.set(group, name, 'STOPPED'));
  }

  signal(group: string, name: string, signo: number): void {
    const p = this.find(group, name);
    if (p.spec.signalError !== undefined) throw new Refusal('FAILED', p.spec.signalError);
    this.signals.push({ group, name, signo });
  }

  shutdown(): void {
    this.shutdowns++;
    this.mood = 'SHUTDOWN';
  }

  restart(): void {
    this.restarts++;
    this.mood = 'RESTARTING';
  }

  onChange(listener: (change: StateChange) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/** The process set of the spec's transcripts (Appendix A), in their states. */
export function demoPort(): FakePort {
  return new FakePort([
    { name: 'backoff', processes: [{ name: 'backoff', state: 'BACKOFF', spawnerr: 'Exited too quickly (process log may have details)' }] },
    { name: 'exits', processes: [{ name: 'exits', state: 'EXITED', description: 'Nov 26 02:19 PM' }] },
    { name: 'fatal', processes: [{ name: 'fatal', state: 'FATAL', spawnerr: 'Exited too quickly (process log may have details)', onStart: 'exits-quickly' }] },
    { name: 'grp', priority: 5, processes: [{ name: 'running', state: 'RUNNING', pid: 5975 }, { name: 'stopped', state: 'STOPPED' }] },
    { name: 'notfound', processes: [{ name: 'notfound', state: 'FATAL', spawnerr: "can't find command '/no/such/binary'", check: { ok: false, fault: 'NO_FILE', text: "can't find command '/no/such/binary'" } }] },
    { name: 'web', processes: [{ name: 'web_00', state: 'RUNNING', pid: 5980 }, { name: 'web_01', state: 'RUNNING', pid: 5981 }] },
  ]);
}
