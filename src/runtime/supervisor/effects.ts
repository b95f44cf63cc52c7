// Runs the effects the core returns: the only place a transition touches the world.

import { errnoCode as errorCode, errorText } from '../../common/errors';
import type { Effect } from '../../core/effects';
import type { ProcessEvent } from '../../core/events';
import type { StateChange } from '../../core/port';
import type { ChildOutput, MainLog, OutputSink } from '../../logging/types';
import type { ManagedProcess } from './process';
import { pipeErrorText } from '../spawn/errors';
import type { SpawnContext, Spawner } from '../types';

/** kill(2) as the supervisor uses it (process.kill by default; a fake in tests). */
export type KillFn = (pid: number, signal: number) => void;

export interface EffectHost {
  readonly spawner: Spawner;
  readonly spawnContext: SpawnContext;
  readonly output: OutputSink;
  readonly log: MainLog;
  readonly kill: KillFn;
  /** remember which process a pid belongs to, for the reaper's exits */
  adopt(pid: number, proc: ManagedProcess): void;
  /** handle this event next, before anything already queued */
  followUp(proc: ManagedProcess, event: ProcessEvent): void;
  /** queue an event (timers) */
  dispatch(proc: ManagedProcess, event: ProcessEvent): void;
  emit(change: StateChange): void;
}

/** kill(), ESRCH ignored (the reaper will settle the state); other errors returned as text. */
export function sendSignal(kill: KillFn, pid: number, signal: number): string | null {
  try {
    kill(pid, signal);
    return null;
  } catch (err) {
    if (errorCode(err) === 'ESRCH') return null;
    return errorText(err);
  }
}

function runSpawn(host: EffectHost, proc: ManagedProcess): void {
  let event: ProcessEvent;
  try {
    let output: ChildOutput;
    try {
      output = host.output.prepare(proc.config);
    } catch (err) {
      host.followUp(proc, { type: 'spawnFailed', spawnerr: pipeErrorText(proc.config.name, errorCode(err) ?? errorText(err)) });
      return;
    }
    const outcome = host.spawner.spawn(proc.config, host.spawnContext, output);
    if (outcome.ok) {
      host.adopt(outcome.child.pid, proc);
      proc.stdin = outcome.child.stdin;
      host.output.started(proc.config, outcome.child.pid);
      event = { type: 'spawned', pid: outcome.child.pid };
    } else {
      event = { type: 'spawnFailed', spawnerr: outcome.spawnerr };
    }
  } catch (err) {
    event = { type: 'spawnFailed', spawnerr: `unknown error during fork for '${proc.config.name}': ${errorText(err)}` };
  }
  host.followUp(proc, event);
}

export function executeEffect(host: EffectHost, proc: ManagedProcess, effect: Effect): void {
  switch (effect.type) {
    case 'spawn':
      runSpawn(host, proc);
      return;
    case 'kill': {
      if (effect.pid <= 0) { // never kill(0) or kill(-0): that would hit tend's own group
        host.log.log('CRIT', `refusing to signal pid ${effect.pid} of ${proc.config.name}`);
        return;
      }
      const target = effect.toGroup ? -effect.pid : effect.pid;
      const error = sendSignal(host.kill, target, effect.signal);
      if (error !== null) host.followUp(proc, { type: 'signalError', signal: effect.signal, error, source: 'kill' });
      return;
    }
    case 'setTimer':
      proc.timers.set(effect.kind, effect.delayMs, () => host.dispatch(proc, { type: 'timer', kind: effect.kind }));
      return;
    case 'cancelTimer':
      proc.timers.cancel(effect.kind);
      return;
    case 'log':
      host.log.log(effect.level, effect.text);
      return;
    case 'stateChanged': {
      const { from, to, pid, expected, tries, at } = effect;
      host.emit({ group: proc.config.group, name: proc.config.name, from, to, pid, expected, tries, at });
      return;
    }
    default: {
      const never: never = effect;
      throw new Error(`unhandled effect ${JSON.stringify(never)}`);
    }
  }
}
