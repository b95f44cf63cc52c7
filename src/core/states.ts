// Process and supervisor states, with supervisord's names and codes (spec §3.1).

export const ProcessStates = {
  STOPPED: 0,
  STARTING: 10,
  RUNNING: 20,
  BACKOFF: 30,
  STOPPING: 40,
  EXITED: 100,
  FATAL: 200,
  UNKNOWN: 1000,
} as const;

export type ProcessStateName = keyof typeof ProcessStates;
export type ProcessStateCode = (typeof ProcessStates)[ProcessStateName];

export const STOPPED_STATES: ReadonlySet<ProcessStateName> = new Set(['STOPPED', 'EXITED', 'FATAL', 'UNKNOWN']);
export const RUNNING_STATES: ReadonlySet<ProcessStateName> = new Set(['RUNNING', 'BACKOFF', 'STARTING']);
export const SIGNALLABLE_STATES: ReadonlySet<ProcessStateName> = new Set(['RUNNING', 'STARTING', 'STOPPING']);

/** What a stop request applies to: a running state, or EXITED while a restart is pending. */
export function isStoppable(state: ProcessStateName, restartPending: boolean): boolean {
  return RUNNING_STATES.has(state) || (state === 'EXITED' && restartPending);
}

export function stateCode(name: ProcessStateName): ProcessStateCode {
  return ProcessStates[name];
}

const NAMES_BY_CODE: ReadonlyMap<number, ProcessStateName> = new Map(
  (Object.keys(ProcessStates) as ProcessStateName[]).map((name) => [ProcessStates[name], name]),
);

/** The state a code stands for (as a client reads it off the wire), or undefined for an unknown code. */
export function stateName(code: number): ProcessStateName | undefined {
  return NAMES_BY_CODE.get(code);
}

/** Supervisor (daemon) states as getState() reports them. */
export const SupervisorStates = {
  FATAL: 2,
  RUNNING: 1,
  RESTARTING: 0,
  SHUTDOWN: -1,
} as const;

export type SupervisorStateName = keyof typeof SupervisorStates;
