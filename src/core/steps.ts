// Building blocks the transition handlers are made of. A Draft collects the new record and
// the effects of one transition; every state change goes through enter().

import type { Effect, LogLevel } from './effects';
import { waitSeconds } from './backoff';
import type { AttemptTimer, TimerKind } from './events';
import { describeExit, exitStatusNumber, isExpectedExit, type ExitLike } from './exit-status';
import type { ProcessRecord, TransitionContext } from './record';
import type { ProcessStateName } from './states';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface Draft {
  readonly rec: Mutable<ProcessRecord>;
  readonly ctx: TransitionContext;
  readonly effects: Effect[];
}

export function newDraft(rec: ProcessRecord, ctx: TransitionContext): Draft {
  return { rec: { ...rec }, ctx, effects: [] };
}

/** The try number a StateChange carries: STARTING is try backoff+1, BACKOFF is try backoff. */
function triesIn(rec: ProcessRecord, state: ProcessStateName): number {
  if (state === 'STARTING') return rec.backoff + 1;
  if (state === 'BACKOFF') return rec.backoff;
  return 0;
}

export function enter(d: Draft, to: ProcessStateName, expected = false): void {
  const from = d.rec.state;
  d.rec.state = to;
  d.effects.push({
    type: 'stateChanged', from, to, pid: d.rec.pid, expected, tries: triesIn(d.rec, to), at: d.ctx.now,
  });
}

export function log(d: Draft, level: LogLevel, text: string): void {
  d.effects.push({ type: 'log', level, text });
}

export function setTimer(d: Draft, kind: TimerKind, seconds: number): void {
  d.effects.push({ type: 'setTimer', kind, delayMs: seconds * 1000 });
}

export function cancelTimer(d: Draft, kind: TimerKind): void {
  d.effects.push({ type: 'cancelTimer', kind });
}

/** Arm the timer of the next start attempt, noting when it is due (for the description). */
export function scheduleAttempt(d: Draft, kind: AttemptTimer, delayMs: number): void {
  d.rec.retryAt = d.ctx.now + delayMs;
  d.effects.push({ type: 'setTimer', kind, delayMs });
}

export function cancelAttempt(d: Draft, kind: AttemptTimer): void {
  d.rec.retryAt = 0;
  cancelTimer(d, kind);
}

export function kill(d: Draft, signal: number, toGroup: boolean): void {
  d.effects.push({ type: 'kill', pid: d.rec.pid, signal, toGroup });
}

/** Enter STARTING and ask for a fork (the spawn effect always comes last). */
export function spawn(d: Draft): void {
  d.rec.laststart = d.ctx.now;
  d.rec.retryAt = 0;
  d.rec.spawnerr = '';
  enter(d, 'STARTING');
  d.effects.push({ type: 'spawn' });
}

/** STARTING -> RUNNING: the process stayed up for startsecs. */
export function becomeRunning(d: Draft, announce: boolean): void {
  d.rec.backoff = 0;
  enter(d, 'RUNNING');
  if (announce) {
    const secs = d.ctx.config.startsecs;
    log(d, 'INFO', `success: ${d.ctx.config.name} entered RUNNING state, process has stayed up for > than ${secs} seconds (startsecs)`);
  }
}

/** BACKOFF -> FATAL. The `gave up:` line is only for running out of retries. */
export function fatal(d: Draft, tooManyRetries: boolean): void {
  d.rec.backoff = 0;
  enter(d, 'FATAL');
  if (tooManyRetries) {
    log(d, 'INFO', `gave up: ${d.ctx.config.name} entered FATAL state, too many start retries too quickly`);
  }
}

/** A failed try: BACKOFF, waiting 1 s, 2 s, 3 s ... (or 1, 2, 4 ...), or FATAL when out of retries. */
export function enterBackoff(d: Draft): void {
  const cfg = d.ctx.config;
  d.rec.backoff += 1;
  enter(d, 'BACKOFF');
  if (d.rec.backoff > cfg.startretries) fatal(d, true);
  else scheduleAttempt(d, 'backoff', waitSeconds(cfg.backoff, d.rec.backoff, cfg.backoff_max) * 1000);
}

/** The child is gone: clear pid, note the stop time; returns how it ended and whether expected. */
export function recordExit(d: Draft, status: ExitLike): { how: string; expected: boolean } {
  d.rec.pid = 0;
  d.rec.laststop = d.ctx.now;
  d.rec.exitstatus = exitStatusNumber(status);
  return { how: describeExit(status), expected: isExpectedExit(status, d.ctx.config.exitcodes) };
}
