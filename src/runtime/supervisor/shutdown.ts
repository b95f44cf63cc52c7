// The orderly stop of everything (spec §4.4), group by group in descending priority. Driven by
// the supervisor after each batch of events; waits only as long as the processes take. With
// [supervisord] shutdown_timeout, one deadline bounds it all: when it runs out, every process
// left is stopped and SIGKILLed at once, all groups together, and the log names each.

import type { ProcessEvent } from '../../core/events';
import { cutShortPlan, nextShutdownStep, unstoppedNames, waitingText, type PlanGroup } from '../../core/order';
import type { MainLog } from '../../logging/types';

export const SHUTDOWN_REPORT_MS = 3000;

export interface ShutdownHost {
  readonly log: MainLog;
  /** every group, with its processes' current states */
  planGroups(): readonly PlanGroup[];
  /** queue an event for one process (handled when the supervisor drains its queue) */
  enqueue(group: string, name: string, event: ProcessEvent): void;
  /** the deadline ran out: the host queues what cutShort() asked and drains */
  drain(): void;
  /** every process is in a stopped state */
  finished(): void;
  /** epoch ms */
  now(): number;
}

const EVENTS = {
  stop: { type: 'stop' },
  kill: { type: 'timer', kind: 'stopwait' },
  giveUp: { type: 'giveUp' },
} as const satisfies Record<string, ProcessEvent>;

export class ShutdownSequence {
  private report: ReturnType<typeof setInterval> | null = null;
  private deadline: ReturnType<typeof setTimeout> | null = null;
  private ended = false;
  /** each process needs at most one stop and one giveUp per sequence (no spawns meanwhile) */
  private readonly requested = new Set<string>();
  private readonly began: number;
  /** the group being stopped now, and since when (for `stopped group x in N ms`) */
  private current: { readonly name: string; readonly since: number } | null = null;

  /** timeoutMs: shutdown_timeout in ms, 0 for none */
  constructor(private readonly host: ShutdownHost, private readonly timeoutMs = 0) {
    this.began = host.now();
  }

  /** epoch ms the deadline runs out, or null without one */
  get deadlineAt(): number | null {
    return this.timeoutMs > 0 ? this.began + this.timeoutMs : null;
  }

  /** Call after the first advance has been handled: logs at once, then every 3 s; arms the deadline. */
  startReports(): void {
    if (this.ended || this.report !== null) return;
    this.reportNow();
    this.report = setInterval(() => this.reportNow(), SHUTDOWN_REPORT_MS);
    if (this.timeoutMs > 0) this.deadline = setTimeout(() => this.cutShort(), this.timeoutMs);
  }

  /**
   * Look at the states now and queue what the current group needs. Returns true when it
   * queued something (the caller drains and calls again), false when there is nothing to do.
   */
  advance(): boolean {
    if (this.ended) return false;
    const step = nextShutdownStep(this.host.planGroups());
    this.groupIs(step.kind === 'done' ? null : step.group);
    if (step.kind === 'done') {
      this.end();
      return false;
    }
    let queued = false;
    for (const [names, kind] of [[step.giveUp, 'giveUp'], [step.stop, 'stop']] as const) {
      for (const name of names) queued = this.request(step.group, name, kind) || queued;
    }
    return queued;
  }

  get done(): boolean {
    return this.ended;
  }

  /** The deadline ran out: stop and SIGKILL everything left, all groups at once. */
  private cutShort(): void {
    this.deadline = null;
    if (this.ended) return;
    const plan = cutShortPlan(this.host.planGroups());
    const who = plan.map((p) => `${p.group === p.name ? p.name : `${p.group}:${p.name}`} (${p.state})`);
    this.host.log.log('WARN', `shutdown_timeout (${this.timeoutMs / 1000} s) ran out: killing ${who.join(', ')}`);
    for (const p of plan) {
      for (const kind of p.actions) this.request(p.group, p.name, kind, kind === 'kill');
    }
    this.host.drain();
  }

  private request(group: string, name: string, kind: keyof typeof EVENTS, again = false): boolean {
    const key = `${kind}\0${group}\0${name}`;
    if (this.requested.has(key) && !again) return false;
    this.requested.add(key);
    this.host.enqueue(group, name, EVENTS[kind]);
    return true;
  }

  private groupIs(name: string | null): void {
    if (this.current?.name === name) return;
    const now = this.host.now();
    if (this.current !== null) this.host.log.log('INFO', `stopped group ${this.current.name} in ${now - this.current.since} ms`);
    this.current = name === null ? null : { name, since: now };
  }

  private reportNow(): void {
    const names = unstoppedNames(this.host.planGroups());
    if (names.length > 0) this.host.log.log('INFO', waitingText(names));
  }

  private end(): void {
    this.ended = true;
    if (this.report !== null) clearInterval(this.report);
    if (this.deadline !== null) clearTimeout(this.deadline);
    this.report = null;
    this.deadline = null;
    this.host.finished();
  }
}
