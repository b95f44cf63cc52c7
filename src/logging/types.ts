// The main log and the child-output sink as the rest of tend sees them (spec §5.1 levels).

import type { OutputChannel, ProcessConfig } from '../config/types';
import type { LogReader } from '../core/port';

export type { OutputChannel } from '../config/types';

export type Level = 'CRIT' | 'ERRO' | 'WARN' | 'INFO' | 'DEBG' | 'TRAC' | 'BLAT';

export interface MainLog {
  /** one message; the sink adds the timestamp and level and drops it below loglevel */
  log(level: Level, text: string): void;
}

/** How one spawn gets its stdout and stderr: an fd handed to the child as is, or a pipe tend reads. */
export interface ChildOutput {
  /** an open fd the child gets as its stdout (tend stays out of the data path); null: a pipe */
  readonly stdoutFd: number | null;
  /** likewise for stderr (ignored with redirect_stderr: fd 2 is then whatever fd 1 is) */
  readonly stderrFd: number | null;
  /** takes over the parent's read end of an output pipe (called once per pipe, before the fork returns) */
  read(fd: number, channel: OutputChannel): void;
}

/** Where a spawned child's output goes. */
export interface OutputSink {
  /** how the next spawn of proc gets its stdout and stderr (direct fds, or pipes it reads) */
  prepare(proc: ProcessConfig): ChildOutput;
  /** the spawn succeeded with this pid (the {pid} of console prefixes) */
  started(proc: ProcessConfig, pid: number): void;
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
