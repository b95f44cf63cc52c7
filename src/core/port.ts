// The supervisor as the control plane sees it, one narrow port per family of RPC methods, and
// the logs the servers read. src/runtime/supervisor/supervisor.ts implements SupervisorPort;
// src/server/ is written against the narrow ports (tests use small fakes). Pure: types only.
// A port refuses with a Refusal (src/common/errors.ts) named by supervisord's fault; the server
// answers it as that fault. A name the port does not know is Refusal BAD_NAME.

import type { ConfigDiff } from './config-diff';
import type { Config, OutputChannel, ProcessConfig } from '../config/types';
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

/** The groups in use and their processes, now: where every method resolves its names. */
export interface ProcessGroups {
  /** all groups, sorted by (priority, name) */
  groups(): readonly GroupView[];
}

/** The daemon's state, which every supervisor.* method checks first (SHUTDOWN_STATE). */
export interface DaemonState {
  state(): SupervisorStateName;
}

/** The daemon itself: getPID, getIdentification, getState, shutdown, restart. */
export interface DaemonPort extends DaemonState {
  readonly pid: number;
  identification(): string;
  /** begin the orderly shutdown (mood SHUTDOWN); returns at once */
  shutdown(): void;
  /** begin the stop-everything-and-reload cycle (mood RESTARTING); returns at once */
  restart(): void;
}

/** The state-change feed that blocking calls wait on (server/methods/wait.ts). */
export interface ChangeFeed extends ProcessGroups {
  /** subscribe to state changes; returns the unsubscribe function */
  onChange(listener: (change: StateChange) => void): () => void;
}

/** Process control: start, stop, signal, stdin (server/methods/control.ts, process-methods.ts). */
export interface ProcessControl extends DaemonState, ChangeFeed {
  /** resolve the executable of a process's command now, as a spawn would */
  checkCommand(group: string, name: string): CommandCheck;
  /** ask the process to start (STOPPED/EXITED/FATAL/BACKOFF -> STARTING); no-op in other states */
  start(group: string, name: string): void;
  /** ask the process to stop (STARTING/RUNNING -> STOPPING, BACKOFF -> STOPPED) */
  stop(group: string, name: string): void;
  /** send a signal number to the process's pid (never its group, as supervisord); Refusal NOT_RUNNING / FAILED (kill's error) */
  signal(group: string, name: string, signo: number): void;
  /** write to a running process's stdin; Refusal NOT_RUNNING (no pid, or stopping) / NO_FILE (stdin closed) */
  sendStdin(group: string, name: string, data: Uint8Array): void;
  /** an INFO line in the main log (the control plane's `waiting for x to stop`) */
  note(text: string): void;
}

/** Config changes at runtime: reloadConfig, addProcessGroup, removeProcessGroup, getAllConfigInfo. */
export interface GroupConfigPort extends DaemonState, ProcessGroups {
  /**
   * Read the config file again (reread) and keep it as the last-read config; nothing running
   * changes. Returns the diff of its groups against those in use; Refusal
   * CANT_REREAD with the config's errors (then the last-read config stays as it was).
   */
  reloadConfig(): ConfigDiff;
  /** the config last read (at start, at reload, or by reloadConfig) */
  lastReadConfig(): Config;
  /** put a group of the last-read config in use and autostart its processes; Refusal SHUTDOWN_STATE / BAD_NAME / ALREADY_ADDED */
  addProcessGroup(name: string): void;
  /** take a group out of use once every process in it is stopped; Refusal BAD_NAME / STILL_RUNNING */
  removeProcessGroup(name: string): void;
}

/** The whole supervisor as the control servers see it (src/runtime/supervisor/supervisor.ts). */
export interface SupervisorPort extends DaemonPort, ProcessControl, GroupConfigPort {}

/** The processes' logs as the log methods and /logtail read and clear them (logging's ProcessLogStore). */
export interface ProcessLogAccess {
  /** null when the stream is not kept (NONE, redirect_stderr's stderr) */
  reader(group: string, name: string, channel: OutputChannel): LogReader | null;
  /** empty both logs of a process (files truncated and reopened, memory tails emptied); throws Error on failure */
  clear(group: string, name: string): void;
}

/** The main log as readLog, clearLog and /mainlogtail see it (logging's MainLogStore). */
export interface MainLogAccess {
  /** its file, or its memory tail when it has no readable file; null when none is kept */
  reader(): LogReader | null;
  /** empty it and log 'reopening log file'; throws Error on failure */
  clear(): void;
}
