// What can happen to one supervised process: the inputs of the transition function.

import type { ExitLike } from './exit-status';

/** The timers a process may have armed, one of each at most (restart: the wait in EXITED). */
export type TimerKind = 'startsecs' | 'backoff' | 'restart' | 'stopwait';

export const TIMER_KINDS: readonly TimerKind[] = ['startsecs', 'backoff', 'restart', 'stopwait'];

/** The timers that end in a new start attempt. */
export type AttemptTimer = Extract<TimerKind, 'backoff' | 'restart'>;

export type ProcessEvent =
  /** a start request: autostart at run(), RPC startProcess */
  | { readonly type: 'start' }
  /** a stop request: RPC stopProcess, or the shutdown planner */
  | { readonly type: 'stop' }
  /** the spawner forked the child */
  | { readonly type: 'spawned'; readonly pid: number }
  /** the spawner refused in the parent (spawnerr text of spec §3.4) */
  | { readonly type: 'spawnFailed'; readonly spawnerr: string }
  /** the reaper collected the child's exit */
  | { readonly type: 'exited'; readonly status: ExitLike }
  /** an armed timer ran out */
  | { readonly type: 'timer'; readonly kind: TimerKind }
  /** shutdown reached this process's group while it was in BACKOFF */
  | { readonly type: 'giveUp' }
  /** kill() failed with an error other than ESRCH; source says who sent it */
  | {
      readonly type: 'signalError';
      readonly signal: number;
      readonly error: string;
      readonly source: 'kill' | 'signal';
    };

/** The key an event is looked up by in the transition table (timers by kind). */
export type EventKey =
  | Exclude<ProcessEvent['type'], 'timer'>
  | `timer:${TimerKind}`;

export const EVENT_KEYS: readonly EventKey[] = [
  'start', 'stop', 'spawned', 'spawnFailed', 'exited',
  'timer:startsecs', 'timer:backoff', 'timer:restart', 'timer:stopwait', 'giveUp', 'signalError',
];

export function eventKey(event: ProcessEvent): EventKey {
  return event.type === 'timer' ? `timer:${event.kind}` : event.type;
}

/** The event type a table key accepts. */
export type EventFor<K extends EventKey> = K extends `timer:${infer T}`
  ? { readonly type: 'timer'; readonly kind: T }
  : Extract<ProcessEvent, { readonly type: K }>;
