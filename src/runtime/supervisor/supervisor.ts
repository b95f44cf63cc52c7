// The runtime supervisor: owns the processes, feeds events to the pure core one at a time,
// and runs the effects it returns. Implements SupervisorPort for the RPC layer.

import type { Config, LoadResult } from '../../config/types';
import { diffGroups, type ConfigDiff } from '../../core/config-diff';
import type { ProcessEvent } from '../../core/events';
import { describeExit } from '../../core/exit-status';
import { transitionWithPolicy } from '../../core/exit-policy';
import { errorStack, errorText, Refusal } from '../../common/errors';
import { signame } from '../../common/signals';
import { startOrder } from '../../core/order';
import type { CommandCheck, GroupView, StateChange, SupervisorPort } from '../../core/port';
import { SIGNALLABLE_STATES, STOPPED_STATES, type SupervisorStateName } from '../../core/states';
import type { MainLog, OutputSink, ProcessLogStore } from '../../logging/types';
import type { ManagedProcess } from './process';
import { executeEffect, sendSignal, type EffectHost, type KillFn } from './effects';
import { handleSupervisorSignal } from './signals';
import { ShutdownSequence } from './shutdown';
import { ProcessTable } from './table';
import type { ExitStatus, Reaper, SpawnContext, Spawner } from '../types';

/** Where the children's output goes, and the logs it is kept in (logfile paths, runtime groups). */
export type ProcessOutput = OutputSink & Pick<ProcessLogStore, 'logfiles' | 'addProcesses' | 'removeProcesses'>;

export interface SupervisorOptions {
  readonly config: Config;
  readonly spawner: Spawner;
  readonly reaper: Reaper;
  readonly log: MainLog;
  readonly output: ProcessOutput;
  readonly spawnContext: SpawnContext;
  /** called on SIGUSR2 after the log line */
  readonly reopenLogs?: () => void;
  /** read the config file again, for reloadConfig (default: the config in force, unchanged) */
  readonly reread?: () => LoadResult;
  /** kill(2); default process.kill (tests pass a fake: their pids are not real) */
  readonly kill?: KillFn;
}

interface Queued {
  readonly proc: ManagedProcess;
  readonly event: ProcessEvent;
}

export class Supervisor implements SupervisorPort, EffectHost {
  readonly pid: number;
  readonly done: Promise<void>;
  readonly spawner: Spawner;
  readonly spawnContext: SpawnContext;
  readonly output: ProcessOutput;
  readonly log: MainLog;
  readonly kill: KillFn;

  private readonly opts: SupervisorOptions;
  private readonly clock = (): number => Date.now();
  private readonly table: ProcessTable;
  private readonly listeners = new Set<(change: StateChange) => void>();
  private readonly urgent: Queued[] = [];
  private readonly queue: Queued[] = [];
  private draining = false;
  private started = false;
  private mood: SupervisorStateName = 'RUNNING';
  private sequence: ShutdownSequence | null = null;
  private resolveDone: () => void = () => undefined;
  /** set when a program's shutdown_on ended tend: the code tend exits with */
  private policyCode: number | null = null;
  /** the config last read: at start, or by reloadConfig */
  private lastRead: Config;

  constructor(opts: SupervisorOptions) {
    this.opts = opts;
    this.spawner = opts.spawner;
    this.spawnContext = opts.spawnContext;
    this.output = opts.output;
    this.log = opts.log;
    this.kill = opts.kill ?? ((pid, signal) => void process.kill(pid, signal));
    this.pid = process.pid;
    this.table = new ProcessTable(opts.config, this.clock);
    this.lastRead = opts.config;
    for (const p of this.table.all()) p.logfiles = opts.output.logfiles(p.config.group, p.config.name);
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** Start reaping, then autostart every process in start order. */
  run(): void {
    if (this.started) return;
    this.started = true;
    this.opts.reaper.start((status) => this.onExit(status));
    for (const cfg of startOrder(this.opts.config.groups)) {
      if (cfg.autostart) this.queue.push({ proc: this.find(cfg.group, cfg.name), event: { type: 'start' } });
    }
    this.drain();
  }

  handleSignal(sig: string): void {
    handleSupervisorSignal({
      log: this.log,
      mood: () => this.mood,
      shutdown: () => this.shutdown(),
      restart: () => this.restart(),
      reopenLogs: () => this.opts.reopenLogs?.(),
    }, sig);
  }

  shutdown(): void {
    if (this.mood === 'RESTARTING') this.mood = 'SHUTDOWN'; // a stop already runs: just don't reload
    if (this.mood !== 'RUNNING') return;
    this.mood = 'SHUTDOWN';
    this.beginStopSequence();
  }

  restart(): void {
    if (this.mood !== 'RUNNING') return;
    this.mood = 'RESTARTING';
    this.beginStopSequence();
  }

  /** tend's exit code once done: a program's code when its shutdown_on ended tend, else 0 */
  exitCode(): number {
    return this.policyCode ?? 0;
  }

  /** epoch ms the shutdown_timeout of the stop under way runs out; null without one */
  shutdownDeadline(): number | null {
    return this.sequence?.deadlineAt ?? null;
  }

  // ---- SupervisorPort --------------------------------------------------------------------

  identification(): string {
    return this.opts.config.supervisord.identifier;
  }

  state(): SupervisorStateName {
    return this.mood;
  }

  lastReadConfig(): Config {
    return this.lastRead;
  }

  reloadConfig(): ConfigDiff {
    const r = this.opts.reread?.() ?? { ok: true, config: this.lastRead };
    if (!r.ok) throw new Refusal('CANT_REREAD', r.errors.join('\n'));
    this.lastRead = r.config;
    return diffGroups(this.table.groups.map((g) => g.config), r.config.groups);
  }

  addProcessGroup(name: string): void {
    if (this.mood !== 'RUNNING') throw new Refusal('SHUTDOWN_STATE', name);
    const cfg = this.lastRead.groups.find((g) => g.name === name);
    if (cfg === undefined) throw new Refusal('BAD_NAME', name);
    if (this.table.group(name) !== undefined) throw new Refusal('ALREADY_ADDED', name);
    const entry = this.table.add(cfg);
    this.opts.output.addProcesses(cfg.processes);
    for (const p of entry.processes) {
      p.logfiles = this.opts.output.logfiles(p.config.group, p.config.name);
      if (p.config.autostart) this.queue.push({ proc: p, event: { type: 'start' } });
    }
    this.drain();
  }

  sendStdin(group: string, name: string, data: Uint8Array): void {
    const proc = this.find(group, name);
    if (proc.pid === 0 || proc.state === 'STOPPING') throw new Refusal('NOT_RUNNING', name);
    const stdin = proc.stdin;
    if (stdin === null || stdin.destroyed || !stdin.writable) throw new Refusal('NO_FILE', name);
    stdin.write(data);
  }

  removeProcessGroup(name: string): void {
    const entry = this.table.group(name);
    if (entry === undefined) throw new Refusal('BAD_NAME', name);
    if (entry.processes.some((p) => !STOPPED_STATES.has(p.state))) throw new Refusal('STILL_RUNNING', name);
    for (const p of entry.processes) p.timers.cancelAll();
    this.table.remove(name);
    this.opts.output.removeProcesses(entry.processes.map((p) => p.config));
  }

  groups(): readonly GroupView[] {
    return this.table.groups;
  }

  checkCommand(group: string, name: string): CommandCheck {
    return this.spawner.check(this.find(group, name).config, this.spawnContext);
  }

  start(group: string, name: string): void {
    this.dispatch(this.find(group, name), { type: 'start' });
  }

  stop(group: string, name: string): void {
    this.dispatch(this.find(group, name), { type: 'stop' });
  }

  signal(group: string, name: string, signo: number): void {
    const proc = this.find(group, name);
    if (!SIGNALLABLE_STATES.has(proc.state) || proc.pid === 0) throw new Refusal('NOT_RUNNING', name);
    // supervisord signals the pid only, whatever stopasgroup says (process.py signal())
    this.log.log('DEBG', `sending ${proc.config.name} (pid ${proc.pid}) sig ${signame(signo)}`);
    const error = sendSignal(this.kill, proc.pid, signo);
    if (error === null) return;
    this.dispatch(proc, { type: 'signalError', signal: signo, error, source: 'signal' });
    throw new Refusal('FAILED', error);
  }

  note(text: string): void {
    this.log.log('INFO', text);
  }

  onChange(listener: (change: StateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- EffectHost ------------------------------------------------------------------------

  adopt(pid: number, proc: ManagedProcess): void {
    this.table.adopt(pid, proc);
  }

  followUp(proc: ManagedProcess, event: ProcessEvent): void {
    this.urgent.push({ proc, event });
  }

  dispatch(proc: ManagedProcess, event: ProcessEvent): void {
    this.queue.push({ proc, event });
    this.drain();
  }

  emit(change: StateChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (err) {
        this.log.log('ERRO', `state change listener failed: ${errorText(err)}`);
      }
    }
  }

  // ---- internals -------------------------------------------------------------------------

  private find(group: string, name: string): ManagedProcess {
    return this.table.find(group, name);
  }

  private onExit(status: ExitStatus): void {
    const proc = this.table.release(status.pid);
    if (proc === undefined) {
      this.log.log('INFO', `reaped unknown pid ${status.pid} (${describeExit(status)})`);
      return;
    }
    proc.closeStdin();
    this.dispatch(proc, { type: 'exited', status });
    proc.lastExit = status;
  }

  /** Handle queued events one at a time; follow-ups (spawn results, kill errors) go first. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const next = this.urgent.shift() ?? this.queue.shift();
        if (next !== undefined) this.apply(next);
        else if (this.sequence === null || !this.sequence.advance()) break;
      }
    } finally {
      this.draining = false;
    }
  }

  private apply({ proc, event }: Queued): void {
    try {
      const ctx = { config: proc.config, mood: this.mood, now: this.clock() };
      const { result, verdict } = transitionWithPolicy(proc.record, event, ctx, proc.lastExit);
      if (verdict !== null) {
        this.log.log('INFO', `shutting down: ${verdict.reason} and its shutdown_on is ${proc.config.shutdown_on}; tend will exit with code ${verdict.code}`);
        this.policyCode = verdict.code;
        this.mood = 'SHUTDOWN';
      }
      proc.record = result.record;
      for (const effect of result.effects) executeEffect(this, proc, effect);
      if (verdict !== null) this.beginStopSequence();
    } catch (err) {
      this.log.log('CRIT', `unexpected error handling '${event.type}' for ${proc.config.name}: ${errorStack(err)}`);
    }
  }

  private beginStopSequence(): void {
    const sequence = new ShutdownSequence({
      log: this.log,
      planGroups: () => this.table.plan(),
      enqueue: (group, name, event) => this.queue.push({ proc: this.find(group, name), event }),
      drain: () => this.drain(),
      finished: () => this.finish(),
      now: this.clock,
    }, this.opts.config.supervisord.shutdown_timeout * 1000);
    this.sequence = sequence;
    this.drain();
    sequence.startReports();
  }

  private finish(): void {
    for (const p of this.table.all()) p.timers.cancelAll();
    if (this.started) this.opts.reaper.stop();
    this.resolveDone();
  }
}
