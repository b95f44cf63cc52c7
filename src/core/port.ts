// The supervisor as the control plane sees it. src/runtime/supervisor/supervisor.ts implements it;
// src/server/methods/ is written against it (and tests use a fake). Pure: types and one error class.

import type { ConfigDiff } from './config-diff';
import type { Config, ProcessConfig } from '../config/types';
import type { ProcessStateName, SupervisorStateName } from './states';

/** The process info struct of getProcessInfo (spec §6.5), exact keys. */
export interface ProcessInfo {
  readonly name: string;
  readonly group: string;
  readonly start: number;
  readonly stop: number;
  readonly now: number;
  readonly state: number;
  readonly statename: ProcessStateName;
  readonly spawnerr: string;
  readonly exitstatus: number;
  readonly logfile: string;
  readonly stdout_logfile: string;
  readonly stderr_logfile: string;
  readonly pid: number;
  readonly description: string;
}

/** A read-only view of one supervised process at this moment. */
export interface ProcessView {
  readonly config: ProcessConfig;
  readonly state: ProcessStateName;
  readonly pid: number;
  readonly spawnerr: string;
  /** EXITED with an automatic restart armed (a stop request calls it off) */
  readonly restartPending: boolean;
  /** getProcessInfo struct, computed now */
  info(): ProcessInfo;
}

export interface GroupView {
  readonly name: string;
  readonly priority: number;
  /** in the group's start order */
  readonly processes: readonly ProcessView[];
}

/** One state change, as the internal event stream carries it (later: events, exit policy, web). */
export interface StateChange {
  readonly group: string;
  readonly name: string;
  readonly from: ProcessStateName;
  readonly to: ProcessStateName;
  readonly pid: number;
  /** EXITED: whether the exit code was in exitcodes */
  readonly expected: boolean;
  /** STARTING/BACKOFF: the number of the current try */
  readonly tries: number;
  /** epoch milliseconds */
  readonly at: number;
}

/** Why a start could be refused before any fork (startProcess step 2). */
export type CommandCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly fault: 'NO_FILE' | 'NOT_EXECUTABLE'; readonly text: string };

/** A channel of a process's output. */
export type LogChannel = 'stdout' | 'stderr';

/**
 * One readable log (spec §6.6): a log file, or tend's bounded in-memory tail of a stream that
 * goes only to the console. Offsets are byte offsets into what has been written since the log
 * was opened or last cleared; a memory tail holds only the newest bytes and never invents the rest.
 */
export interface LogReader {
  /** the log file's path, or '' for a memory tail */
  readonly path: string;
  /** the log's size now (file size, or bytes that passed through the memory tail); throws Error when unreadable */
  size(): number;
  /** up to length bytes from offset (clamped to what exists and is still held); throws Error when unreadable */
  read(offset: number, length: number): Uint8Array;
  /** changes when the log is replaced (rotation, clear, reopen): followers then start again */
  identity(): string;
}

/** A refusal by the supervisor, named by its XML-RPC fault (spec §6.4). */
export class PortError extends Error {
  constructor(
    readonly fault: 'BAD_NAME' | 'ALREADY_ADDED' | 'STILL_RUNNING' | 'CANT_REREAD' | 'SHUTDOWN_STATE' | 'NOT_RUNNING' | 'NO_FILE',
    message: string,
  ) {
    super(message);
  }
}

export interface SupervisorPort {
  readonly pid: number;
  identification(): string;
  state(): SupervisorStateName;
  /** the config in force */
  config(): Config;
  /** all groups, sorted by (priority, name) */
  groups(): readonly GroupView[];
  /** resolve the executable of a process's command now, as a spawn would */
  checkCommand(group: string, name: string): CommandCheck;
  /** ask the process to start (STOPPED/EXITED/FATAL/BACKOFF -> STARTING); no-op in other states */
  start(group: string, name: string): void;
  /** ask the process to stop (STARTING/RUNNING -> STOPPING, BACKOFF -> STOPPED) */
  stop(group: string, name: string): void;
  /** send a signal number to the process's pid (never its group, as supervisord); throws Error on failure */
  signal(group: string, name: string, signo: number): void;
  /** begin the orderly shutdown (mood SHUTDOWN); returns at once */
  shutdown(): void;
  /** begin the stop-everything-and-reload cycle (mood RESTARTING); returns at once */
  restart(): void;
  /** an INFO line in the main log (the control plane's `waiting for x to stop`) */
  note(text: string): void;
  /** a process's stdout or stderr log; null when it is not kept (NONE, redirect_stderr's stderr) */
  processLog(group: string, name: string, channel: LogChannel): LogReader | null;
  /** empty both logs of a process (files truncated and reopened, memory tails emptied); throws Error on failure */
  clearProcessLogs(group: string, name: string): void;
  /** the main log (its file, or its memory tail when it has no readable file) */
  mainLog(): LogReader | null;
  /** empty the main log and log 'reopening log file'; throws Error on failure */
  clearMainLog(): void;
  /**
   * Read the config file again (reread) and keep it as the last-read config; nothing running
   * changes. Returns the diff of its groups against those in use; throws PortError
   * CANT_REREAD with the config's errors (then the last-read config stays as it was).
   */
  reloadConfig(): ConfigDiff;
  /** the config last read (at start, at reload, or by reloadConfig) */
  lastReadConfig(): Config;
  /** put a group of the last-read config in use and autostart its processes; PortError BAD_NAME / ALREADY_ADDED */
  addProcessGroup(name: string): void;
  /** take a group out of use once every process in it is stopped; PortError BAD_NAME / STILL_RUNNING */
  removeProcessGroup(name: string): void;
  /** write to a running process's stdin; PortError NOT_RUNNING (no pid, or stopping) / NO_FILE (stdin closed) */
  sendStdin(group: string, name: string, data: Uint8Array): void;
  /** subscribe to state changes; returns the unsubscribe function */
  onChange(listener: (change: StateChange) => void): () => void;
}
