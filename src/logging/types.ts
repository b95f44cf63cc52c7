// The main log and the child-output sink as the rest of tend sees them (spec §5.1 levels).

import type { ProcessConfig } from '../config/types';
import type { LogReader } from '../core/port';
import type { ChildOutput, OutputChannel, SpawnedChild } from '../runtime/types';

export type Level = 'CRIT' | 'ERRO' | 'WARN' | 'INFO' | 'DEBG' | 'TRAC' | 'BLAT';

export interface MainLog {
  /** one message; the sink adds the timestamp and level and drops it below loglevel */
  log(level: Level, text: string): void;
}

/** Where a spawned child's output goes. */
export interface OutputSink {
  /** how the next spawn of proc gets its stdout and stderr (direct fds, or pipes and their readers) */
  prepare(proc: ProcessConfig): ChildOutput;
  /** the spawn succeeded: its pipes (if any) are being read */
  attach(proc: ProcessConfig, child: SpawnedChild): void;
}

/** The logs of the processes, for the read/tail/clear RPCs and getProcessInfo. */
export interface ProcessLogStore {
  /** null when the stream is not kept (NONE) */
  reader(group: string, name: string, channel: OutputChannel): LogReader | null;
  /** the log file paths ('' when a stream does not go to a file) */
  logfiles(group: string, name: string): { readonly stdout: string; readonly stderr: string };
  /** empty both logs of a process; throws Error on failure */
  clear(group: string, name: string): void;
  /** keep logs for processes of a group put in use at runtime */
  addProcesses(processes: readonly ProcessConfig[]): void;
  /** close the logs of processes taken out of use (their pipes too) */
  removeProcesses(processes: readonly ProcessConfig[]): void;
}

/** The main log as the read/clear RPCs see it. */
export interface MainLogStore {
  reader(): LogReader | null;
  /** empty it; throws Error on failure */
  clear(): void;
}
