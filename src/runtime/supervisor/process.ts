// One supervised process at runtime: its config, its current record and its timers.

import type { Socket } from 'node:net';
import type { ProcessConfig } from '../../config/types';
import { formatStopTimeFields } from '../../core/describe';
import type { TimerKind } from '../../core/events';
import { processInfo } from '../../core/info';
import type { ProcessInfo, ProcessView } from '../../core/port';
import { INITIAL_RECORD, type ProcessRecord } from '../../core/record';
import type { ProcessStateName } from '../../core/states';
import type { ExitStatus } from '../types';
import { KeyedTimers } from './timers';

/** strftime('%b %d %I:%M %p') of an epoch-ms time, in local time: `Nov 26 02:19 PM`. */
export function localStopTime(epochMs: number): string {
  const t = new Date(epochMs);
  return formatStopTimeFields(t.getMonth(), t.getDate(), t.getHours(), t.getMinutes());
}

export class ManagedProcess implements ProcessView {
  record: ProcessRecord = INITIAL_RECORD;
  readonly timers = new KeyedTimers<TimerKind>();
  /** the write end of the running child's stdin pipe; closed when the child is reaped */
  stdin: Socket | null = null;
  /** how the last child of this process ended (exit policy: the code of a FATAL) */
  lastExit: ExitStatus | null = null;
  /** the resolved log file paths (AUTO names included), for getProcessInfo */
  logfiles: { readonly stdout: string; readonly stderr: string } | undefined = undefined;

  constructor(
    readonly config: ProcessConfig,
    private readonly clock: () => number,
  ) {}

  get state(): ProcessStateName {
    return this.record.state;
  }

  get pid(): number {
    return this.record.pid;
  }

  get spawnerr(): string {
    return this.record.spawnerr;
  }

  get restartPending(): boolean {
    return this.record.state === 'EXITED' && this.record.retryAt !== 0;
  }

  /** the child is gone: close our end of its stdin (one fd per spawn otherwise) */
  closeStdin(): void {
    this.stdin?.destroy();
    this.stdin = null;
  }

  info(): ProcessInfo {
    return processInfo({
      config: this.config, record: this.record, now: this.clock(), formatStopTime: localStopTime, logfiles: this.logfiles,
    });
  }
}
