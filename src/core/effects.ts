// What the transition function asks the runtime to do: effects as data.

import type { StateChange } from './port';
import type { TimerKind } from './events';

/** Main-log levels the core uses (a subset of logging's Level). */
export type LogLevel = 'CRIT' | 'ERRO' | 'WARN' | 'INFO' | 'DEBG';

export type Effect =
  /** fork and exec the process now; the runtime answers with 'spawned' or 'spawnFailed' */
  | { readonly type: 'spawn' }
  /** send a signal to pid, or to its process group (-pid) when toGroup */
  | { readonly type: 'kill'; readonly pid: number; readonly signal: number; readonly toGroup: boolean }
  /** arm (or re-arm) the timer of this kind; it comes back as a 'timer' event */
  | { readonly type: 'setTimer'; readonly kind: TimerKind; readonly delayMs: number }
  | { readonly type: 'cancelTimer'; readonly kind: TimerKind }
  | { readonly type: 'log'; readonly level: LogLevel; readonly text: string }
  /** one state change, for the event stream (StateChange without group/name) */
  | ({ readonly type: 'stateChanged' } & Omit<StateChange, 'group' | 'name'>);

export type EffectType = Effect['type'];
