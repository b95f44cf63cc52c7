// A tiny simulated runtime for the pure core: virtual clock, timers as data, scripted spawns.

import type { ProcessConfig } from '../../../src/config/types';
import type { Effect } from '../../../src/core/effects';
import type { ProcessEvent, TimerKind } from '../../../src/core/events';
import { INITIAL_RECORD, type ProcessRecord } from '../../../src/core/record';
import type { ProcessStateName, SupervisorStateName } from '../../../src/core/states';
import { transition } from '../../../src/core/transitions';

export class CoreSim {
  now = 0;
  mood: SupervisorStateName = 'RUNNING';
  record: ProcessRecord = INITIAL_RECORD;
  readonly timers = new Map<TimerKind, number>();
  readonly logs: string[] = [];
  readonly states: ProcessStateName[] = [];
  readonly spawnTimes: number[] = [];
  readonly kills: { pid: number; signal: number; toGroup: boolean; at: number }[] = [];
  /** what the next spawns answer: a pid, or a spawnerr text */
  spawnResult: number | string = 100;
  private nextPid = 100;

  constructor(readonly config: ProcessConfig) {}

  send(event: ProcessEvent): void {
    const r = transition(this.record, event, { config: this.config, mood: this.mood, now: this.now });
    this.record = r.record;
    for (const e of r.effects) this.run(e);
  }

  /** move the clock to t, firing due timers in time order */
  advanceTo(t: number): void {
    for (;;) {
      const due = [...this.timers].filter(([, at]) => at <= t).sort((a, b) => a[1] - b[1])[0];
      if (due === undefined) break;
      this.timers.delete(due[0]);
      this.now = due[1];
      this.send({ type: 'timer', kind: due[0] });
    }
    this.now = t;
  }

  exit(code: number | null, signal: number | null = null): void {
    this.send({ type: 'exited', status: { code, signal, coreDumped: false } });
  }

  private run(e: Effect): void {
    switch (e.type) {
      case 'spawn':
        this.spawnTimes.push(this.now);
        if (typeof this.spawnResult === 'string') this.send({ type: 'spawnFailed', spawnerr: this.spawnResult });
        else this.send({ type: 'spawned', pid: this.nextPid++ });
        return;
      case 'kill':
        this.kills.push({ pid: e.pid, signal: e.signal, toGroup: e.toGroup, at: this.now });
        return;
      case 'setTimer':
        this.timers.set(e.kind, this.now + e.delayMs);
        return;
      case 'cancelTimer':
        this.timers.delete(e.kind);
        return;
      case 'log':
        this.logs.push(`${e.level} ${e.text}`);
        return;
      case 'stateChanged':
        this.states.push(e.to);
        return;
    }
  }
}
