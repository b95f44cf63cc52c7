// The getProcessInfo struct (spec §6.5), computed from a process's config and record.

import type { LogFileSetting, ProcessConfig } from '../config/types';
import { describeProcess, type StopTimeFormatter } from './describe';
import type { ProcessInfo } from './port';
import type { ProcessRecord } from './record';
import { stateCode } from './states';

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

/** Epoch ms -> whole epoch seconds, capped to the 32-bit signed range XML-RPC can carry. */
export function epochSeconds(ms: number): number {
  return Math.min(INT32_MAX, Math.max(INT32_MIN, Math.floor(ms / 1000)));
}

/** The logfile text of a setting when no resolved path is known: a path, else ''. */
export function logfileText(setting: LogFileSetting): string {
  return setting.kind === 'path' ? setting.path : '';
}

export interface InfoInput {
  readonly config: ProcessConfig;
  readonly record: ProcessRecord;
  /** epoch ms */
  readonly now: number;
  readonly formatStopTime: StopTimeFormatter;
  /** resolved log file paths (AUTO resolved by logging); default: from the config */
  readonly logfiles?: { readonly stdout: string; readonly stderr: string };
}

export function processInfo(input: InfoInput): ProcessInfo {
  const { config, record, now } = input;
  const stdout = input.logfiles?.stdout ?? logfileText(config.stdout.logfile);
  const stderr = input.logfiles?.stderr ?? logfileText(config.stderr.logfile);
  return {
    name: config.name,
    group: config.group,
    start: epochSeconds(record.laststart),
    stop: epochSeconds(record.laststop),
    now: epochSeconds(now),
    state: stateCode(record.state),
    statename: record.state,
    spawnerr: record.spawnerr,
    exitstatus: record.exitstatus,
    logfile: stdout,
    stdout_logfile: stdout,
    stderr_logfile: stderr,
    pid: record.pid,
    description: describeProcess(config.name, record, now, input.formatStopTime),
  };
}
