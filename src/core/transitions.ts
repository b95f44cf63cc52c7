// The process state machine (spec §3.2): one table, TRANSITIONS[state][event], and one
// function, transition(), that every state change goes through. A move that is not in the
// table leaves the state unchanged and is logged.

import type { Effect } from './effects';
import { eventKey, TIMER_KINDS, type EventFor, type EventKey, type ProcessEvent } from './events';
import type { ProcessRecord, TransitionContext } from './record';
import { signame, signalNumber } from '../common/signals';
import type { ProcessStateName } from './states';
import { planRestart } from './backoff';
import {
  becomeRunning, cancelAttempt, cancelTimer, enter, enterBackoff, fatal, kill, log, newDraft, recordExit,
  scheduleAttempt, setTimer, spawn, type Draft,
} from './steps';

type Handler<K extends EventKey> = (d: Draft, event: EventFor<K>) => void;
type Row = { readonly [K in EventKey]?: Handler<K> };

const EXITED_TOO_QUICKLY = 'Exited too quickly (process log may have details)';

/** A start request, from any state that allows one; refused (logged) once mood < RUNNING. A
 * pending retry or restart happens now instead, and a row of restarts starts again. */
function startRequested(d: Draft): void {
  if (d.ctx.mood !== 'RUNNING') {
    log(d, 'DEBG', `not starting ${d.ctx.config.name}: supervisor state is ${d.ctx.mood}`);
    return;
  }
  if (d.rec.state === 'BACKOFF') cancelAttempt(d, 'backoff');
  if (d.rec.retryAt !== 0) cancelAttempt(d, 'restart');
  d.rec.restarts = 0;
  spawn(d);
}

function spawned(d: Draft, event: EventFor<'spawned'>): void {
  d.rec.pid = event.pid;
  log(d, 'INFO', `spawned: '${d.ctx.config.name}' with pid ${event.pid}`);
  if (d.ctx.config.startsecs === 0) becomeRunning(d, true);
  else setTimer(d, 'startsecs', d.ctx.config.startsecs);
}

function spawnFailed(d: Draft, event: EventFor<'spawnFailed'>): void {
  d.rec.spawnerr = event.spawnerr;
  log(d, 'INFO', `spawnerr: ${event.spawnerr}`);
  enterBackoff(d);
}

/** RUNNING -> EXITED, then the autorestart rules: no limit; at once, or after a wait (restartLater). */
function exitedWhileRunning(d: Draft, event: EventFor<'exited'>): void {
  d.rec.backoff = 0;
  const ranMs = Math.max(0, d.ctx.now - d.rec.laststart);
  const { how, expected } = recordExit(d, event.status);
  const name = d.ctx.config.name;
  if (expected) log(d, 'INFO', `exited: ${name} (${how}; expected)`);
  else {
    d.rec.spawnerr = `Bad exit code ${d.rec.exitstatus}`;
    log(d, 'WARN', `exited: ${name} (${how}; not expected)`);
  }
  enter(d, 'EXITED', expected);
  const policy = d.ctx.config.autorestart;
  const again = policy === 'true' || (policy === 'unexpected' && !expected);
  if (again && d.ctx.mood === 'RUNNING') restartLater(d, ranMs);
}

/** EXITED -> STARTING at once, or EXITED with the restart timer armed: the 1 s floor after the
 * last spawn, or restart_backoff's wait (spec §3.3). */
function restartLater(d: Draft, ranMs: number): void {
  const cfg = d.ctx.config;
  const plan = planRestart(cfg, ranMs, d.rec.restarts);
  d.rec.restarts = plan.restarts;
  if (plan.delayMs === 0) {
    spawn(d);
    return;
  }
  const why = cfg.restart_backoff === 'none' ? `it ran ${ranMs} ms` : `restart ${plan.restarts} in a row`;
  log(d, cfg.restart_backoff === 'none' ? 'DEBG' : 'INFO', `restarting ${cfg.name} in ${plan.delayMs / 1000} s (${why})`);
  scheduleAttempt(d, 'restart', plan.delayMs);
}

/** STARTING and exited: too quickly -> BACKOFF; after startsecs (timer late) -> RUNNING -> EXITED. */
function exitedWhileStarting(d: Draft, event: EventFor<'exited'>): void {
  cancelTimer(d, 'startsecs');
  if (d.ctx.now - d.rec.laststart >= d.ctx.config.startsecs * 1000) {
    becomeRunning(d, false);
    exitedWhileRunning(d, event);
    return;
  }
  const { how } = recordExit(d, event.status);
  d.rec.exitstatus = 0;
  d.rec.spawnerr = EXITED_TOO_QUICKLY;
  log(d, 'WARN', `exited: ${d.ctx.config.name} (${how}; not expected)`);
  enterBackoff(d);
}

function exitedWhileStopping(d: Draft, event: EventFor<'exited'>): void {
  cancelTimer(d, 'stopwait');
  const { how, expected } = recordExit(d, event.status);
  log(d, expected ? 'INFO' : 'WARN', `stopped: ${d.ctx.config.name} (${how})`);
  enter(d, 'STOPPED', expected);
}

/** UNKNOWN: the child we could not signal is gone after all; the state stays UNKNOWN. */
function exitedWhileUnknown(d: Draft, event: EventFor<'exited'>): void {
  const { how } = recordExit(d, event.status);
  log(d, 'DEBG', `exited: ${d.ctx.config.name} (${how}) while in state UNKNOWN`);
}

/** STARTING/RUNNING -> STOPPING: stopsignal to pid (or -pid), then wait stopwaitsecs. */
function stopRequested(d: Draft): void {
  const cfg = d.ctx.config;
  if (d.rec.state === 'STARTING') cancelTimer(d, 'startsecs');
  const signal = signalNumber(cfg.stopsignal);
  enter(d, 'STOPPING');
  log(d, 'DEBG', `killing ${cfg.name} (pid ${d.rec.pid}) with signal ${signame(signal)}`);
  kill(d, signal, cfg.stopasgroup);
  setTimer(d, 'stopwait', cfg.stopwaitsecs);
}

/** Still alive after stopwaitsecs: SIGKILL, and re-arm (at least 1 s apart). */
function stopwaitElapsed(d: Draft): void {
  const cfg = d.ctx.config;
  log(d, 'WARN', `killing '${cfg.name}' (${d.rec.pid}) with SIGKILL`);
  kill(d, signalNumber('KILL'), cfg.killasgroup);
  setTimer(d, 'stopwait', Math.max(cfg.stopwaitsecs, 1));
}

/** BACKOFF/EXITED -> STARTING when the wait ran out, unless the supervisor is stopping. */
function attemptDue(d: Draft): void {
  if (d.ctx.mood === 'RUNNING') spawn(d);
  else d.rec.retryAt = 0;
}

function stopWhileBackoff(d: Draft): void {
  cancelAttempt(d, 'backoff');
  enter(d, 'STOPPED');
}

/** EXITED with a restart pending -> STOPPED: the restart is called off. Otherwise nothing to do. */
function stopWhileExited(d: Draft): void {
  if (d.rec.retryAt === 0) {
    log(d, 'DEBG', `not stopping ${d.ctx.config.name}: it is not running and no restart is pending`);
    return;
  }
  cancelAttempt(d, 'restart');
  enter(d, 'STOPPED');
}

function giveUp(d: Draft): void {
  cancelAttempt(d, 'backoff');
  fatal(d, false);
}

/** any -> UNKNOWN: a signal could not be sent (not ESRCH). */
function signalError(d: Draft, event: EventFor<'signalError'>): void {
  for (const kind of TIMER_KINDS) cancelTimer(d, kind);
  d.rec.retryAt = 0;
  const what = event.source === 'kill' ? 'killing' : `sending sig ${signame(event.signal)} to`;
  log(d, 'CRIT', `unknown problem ${what} ${d.ctx.config.name} (${d.rec.pid}):${event.error}`);
  enter(d, 'UNKNOWN');
}

export const TRANSITIONS: { readonly [S in ProcessStateName]: Row } = {
  STOPPED: {
    start: startRequested, //         STOPPED -> STARTING: autostart at run(), or a start request
    signalError, //                   any -> UNKNOWN
  },
  STARTING: {
    spawned, //                       STARTING (self): fork done; arm startsecs (0: -> RUNNING now)
    spawnFailed, //                   STARTING -> BACKOFF (-> FATAL): parent-side spawn error
    'timer:startsecs': (d) => becomeRunning(d, true), // STARTING -> RUNNING: stayed up startsecs
    exited: exitedWhileStarting, //   STARTING -> BACKOFF (-> FATAL), or -> RUNNING -> EXITED if late
    stop: stopRequested, //           STARTING -> STOPPING: stop request or shutdown
    signalError, //                   any -> UNKNOWN
  },
  RUNNING: {
    exited: exitedWhileRunning, //    RUNNING -> EXITED (-> STARTING per autorestart, at once or later)
    stop: stopRequested, //           RUNNING -> STOPPING: stop request or shutdown
    signalError, //                   any -> UNKNOWN
  },
  BACKOFF: {
    'timer:backoff': attemptDue, //   BACKOFF -> STARTING: retry delay over, mood RUNNING
    start: startRequested, //         BACKOFF -> STARTING: start request (port contract)
    stop: stopWhileBackoff, //        BACKOFF -> STOPPED: stop request, no signal sent
    giveUp, //                        BACKOFF -> FATAL: its group is stopped during shutdown
    signalError, //                   any -> UNKNOWN
  },
  STOPPING: {
    exited: exitedWhileStopping, //   STOPPING -> STOPPED: reaped, any status
    'timer:stopwait': stopwaitElapsed, // STOPPING (self): SIGKILL after stopwaitsecs
    signalError, //                   any -> UNKNOWN
  },
  EXITED: {
    start: startRequested, //         EXITED -> STARTING: start request (autorestart is in exited)
    'timer:restart': attemptDue, //   EXITED -> STARTING: the wait before an autorestart is over
    stop: stopWhileExited, //         EXITED -> STOPPED: stop request while a restart is pending
    signalError, //                   any -> UNKNOWN
  },
  FATAL: {
    start: startRequested, //         FATAL -> STARTING: start request only
    signalError, //                   any -> UNKNOWN
  },
  UNKNOWN: {
    exited: exitedWhileUnknown, //    UNKNOWN (self): the child is finally gone
  },
};

export interface TransitionResult {
  readonly record: ProcessRecord;
  readonly effects: readonly Effect[];
  /** false when the table has no edge for this state and event */
  readonly legal: boolean;
}

export function transition(rec: ProcessRecord, event: ProcessEvent, ctx: TransitionContext): TransitionResult {
  const key = eventKey(event);
  const handler = TRANSITIONS[rec.state][key] as ((d: Draft, e: ProcessEvent) => void) | undefined;
  if (handler === undefined) {
    const text = `ignored event '${key}' for ${ctx.config.name} in state ${rec.state}`;
    return { record: rec, effects: [{ type: 'log', level: 'WARN', text }], legal: false };
  }
  const d = newDraft(rec, ctx);
  handler(d, event);
  return { record: d.rec, effects: d.effects, legal: true };
}
