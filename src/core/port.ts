// The supervisor as the control plane sees it. src/runtime/supervisor.ts implements it;
// src/rpc/handlers.ts is written against it (and tests use a fake). Pure types only.

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
  /** subscribe to state changes; returns the unsubscribe function */
  onChange(listener: (change: StateChange) => void): () => void;
}
