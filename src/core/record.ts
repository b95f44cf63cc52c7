// The state of one supervised process, as plain data the transition function rewrites.

import type { ProcessStateName } from './states';
import type { SupervisorStateName } from './states';
import type { ProcessConfig } from '../config/types';

export interface ProcessRecord {
  readonly state: ProcessStateName;
  /** 0 when no child is alive */
  readonly pid: number;
  /** epoch ms of the last start (entry into STARTING); 0 never started */
  readonly laststart: number;
  /** epoch ms of the last stop or exit; 0 never */
  readonly laststop: number;
  /** backoff_count of spec §3.3 */
  readonly backoff: number;
  /** automatic restarts after RUNNING in a row, for restart_backoff */
  readonly restarts: number;
  /** epoch ms when the armed backoff or restart timer is due; 0 when none is */
  readonly retryAt: number;
  /** '' when none */
  readonly spawnerr: string;
  /** supervisord's exitstatus: last exit code, -1 after a signal death, 0 if none */
  readonly exitstatus: number;
}

export const INITIAL_RECORD: ProcessRecord = {
  state: 'STOPPED',
  pid: 0,
  laststart: 0,
  laststop: 0,
  backoff: 0,
  restarts: 0,
  retryAt: 0,
  spawnerr: '',
  exitstatus: 0,
};

/** Everything a transition may read besides the record and the event. */
export interface TransitionContext {
  readonly config: ProcessConfig;
  /** the supervisor's mood: no new spawns unless RUNNING */
  readonly mood: SupervisorStateName;
  /** epoch milliseconds */
  readonly now: number;
}
