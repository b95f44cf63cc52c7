// tend's exit policy (`shutdown_on`, README "Exit policy"): which end of a program shuts tend
// down, and the code tend then exits with. Decided from the state changes a transition returns,
// so the policy sees exactly what the state machine decided. Pure.

import type { ShutdownOn } from '../config/types';
import type { Effect } from './effects';
import type { ProcessEvent } from './events';
import { describeExit, type ExitLike } from './exit-status';
import type { ProcessRecord, TransitionContext } from './record';
import { transition, type TransitionResult } from './transitions';

export interface PolicyVerdict {
  /** tend's exit code: the program's code, 128+n for a death by signal n */
  readonly code: number;
  /** for the main log: what happened, e.g. `web exited (exit status 3; not expected)` */
  readonly reason: string;
}

/** The code a shell gives a command that ended so: its exit code, or 128+n for signal n. */
export function shellCode(status: ExitLike): number {
  if (status.signal !== null) return 128 + status.signal;
  return status.code ?? 1;
}

/**
 * Whether this transition's state changes trigger the policy. `exited` is the exit status the
 * transition handled (null when it was no exit), `last` the program's last exit before it, for
 * a FATAL that follows a spawn error. A FATAL ends tend with the last exit's code when that was
 * a failure, else 1.
 */
export function exitPolicyVerdict(
  policy: ShutdownOn,
  name: string,
  effects: readonly Effect[],
  exited: ExitLike | null,
  last: ExitLike | null,
): PolicyVerdict | null {
  if (policy === 'none') return null;
  for (const e of effects) {
    if (e.type !== 'stateChanged') continue;
    if (e.to === 'EXITED' && exited !== null && (policy === 'exit' || (policy === 'unexpected' && !e.expected))) {
      return { code: shellCode(exited), reason: `${name} exited (${describeExit(exited)}; ${e.expected ? 'expected' : 'not expected'})` };
    }
    if (e.to === 'FATAL') {
      const end = exited ?? last;
      const code = end === null ? 1 : shellCode(end);
      return { code: code === 0 ? 1 : code, reason: `${name} entered FATAL state` };
    }
  }
  return null;
}

/**
 * One transition with the exit policy applied: when the program's shutdown_on is triggered
 * (only while the supervisor is RUNNING), the transition is decided again in the SHUTDOWN mood
 * the policy puts tend in, so that the program is not restarted. `last`: the program's exit
 * before this event.
 */
export function transitionWithPolicy(
  rec: ProcessRecord,
  event: ProcessEvent,
  ctx: TransitionContext,
  last: ExitLike | null,
): { readonly result: TransitionResult; readonly verdict: PolicyVerdict | null } {
  const result = transition(rec, event, ctx);
  if (ctx.mood !== 'RUNNING') return { result, verdict: null };
  const exited = event.type === 'exited' ? event.status : null;
  const verdict = exitPolicyVerdict(ctx.config.shutdown_on, ctx.config.name, result.effects, exited, last);
  if (verdict === null) return { result, verdict };
  return { result: transition(rec, event, { ...ctx, mood: 'SHUTDOWN' }), verdict };
}
