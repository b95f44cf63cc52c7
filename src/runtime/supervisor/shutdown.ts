// The orderly stop of everything (spec §4.4), group by group in descending priority. Driven by
// the supervisor after each batch of events; waits only as long as the processes take.

import type { ProcessEvent } from '../../core/events';
import { nextShutdownStep, unstoppedNames, waitingText, type PlanGroup } from '../../core/order';
import type { MainLog } from '../../logging/types';

export const SHUTDOWN_REPORT_MS = 3000;

export interface ShutdownHost {
  readonly log: MainLog;
  /** every group, with its processes' current states */
  planGroups(): readonly PlanGroup[];
  /** queue an event for one process (handled when the supervisor drains its queue) */
  enqueue(group: string, name: string, event: ProcessEvent): void;
  /** every process is in a stopped state */
  finished(): void;
}

export class ShutdownSequence {
  private report: ReturnType<typeof setInterval> | null = null;
  private ended = false;
  /** each process needs at most one stop and one giveUp per sequence (no spawns meanwhile) */
  private readonly requested = new Set<string>();

  constructor(private readonly host: ShutdownHost) {}

  /** Call after the first advance has been handled: logs at once, then every 3 s. */
  startReports(): void {
    if (this.ended || this.report !== null) return;
    this.reportNow();
    this.report = setInterval(() => this.reportNow(), SHUTDOWN_REPORT_MS);
  }

  /**
   * Look at the states now and queue what the current group needs. Returns true when it
   * queued something (the caller drains and calls again), false when there is nothing to do.
   */
  advance(): boolean {
    if (this.ended) return false;
    const step = nextShutdownStep(this.host.planGroups());
    if (step.kind === 'done') {
      this.end();
      return false;
    }
    let queued = false;
    const requests: [readonly string[], ProcessEvent][] = [[step.giveUp, { type: 'giveUp' }], [step.stop, { type: 'stop' }]];
    for (const [names, event] of requests) {
      for (const name of names) {
        const key = `${event.type}\0${step.group}\0${name}`;
        if (this.requested.has(key)) continue;
        this.requested.add(key);
        this.host.enqueue(step.group, name, event);
        queued = true;
      }
    }
    return queued;
  }

  get done(): boolean {
    return this.ended;
  }

  private reportNow(): void {
    const names = unstoppedNames(this.host.planGroups());
    if (names.length > 0) this.host.log.log('INFO', waitingText(names));
  }

  private end(): void {
    this.ended = true;
    if (this.report !== null) clearInterval(this.report);
    this.report = null;
    this.host.finished();
  }
}
