// start / stop / signal of one process with supervisord's checks and faults (spec §6.4),
// and the group runner that collects per-process results (immediate ones first).

import type { ProcessControl, ProcessGroups, ProcessView } from '../../core/port';
import { isStoppable, RUNNING_STATES, SIGNALLABLE_STATES, STOPPED_STATES } from '../../core/states';
import type { ProcessStateName } from '../../core/states';
import { findProcess, type Target } from './names';
import { Faults, RpcFault, type ProcessResult } from '../../protocol/protocol';
import { toRpcFault } from './faults';
import { watchProcess, type Outcome } from './wait';

/** startProcess for one process: command check, state checks, start, then (wait) until RUNNING. */
export function startOne(port: ProcessControl, t: Target, wait: boolean, signal?: AbortSignal): Outcome {
  const group = t.group.name;
  const name = t.proc.config.name;
  const check = port.checkCommand(group, name);
  if (!check.ok) throw RpcFault.of(check.fault, check.text);
  const state = t.proc.state;
  if (RUNNING_STATES.has(state)) throw RpcFault.of('ALREADY_STARTED', t.spec);
  if (state === 'UNKNOWN') throw RpcFault.of('FAILED', `${t.spec} is in an unknown process state`);
  // The start may be applied at once or a moment later: until the process is seen
  // leaving its stopped state, an old spawnerr or state says nothing about this start.
  let launched = false;
  const outcome = watchProcess({
    port,
    group,
    name,
    signal,
    act: () => port.start(group, name),
    observe: (change) => {
      if (change.to === 'STARTING') launched = true;
    },
    decide: (view) => {
      if (view === undefined) return RpcFault.of('ABNORMAL_TERMINATION', t.spec);
      if (!launched) {
        if (!RUNNING_STATES.has(view.state)) return wait ? 'wait' : 'ok';
        launched = true;
      }
      if (view.spawnerr !== '') return RpcFault.of('SPAWN_ERROR', t.spec);
      if (!wait || view.state === 'RUNNING') return 'ok';
      if (view.state === 'STARTING') return 'wait';
      return RpcFault.of('ABNORMAL_TERMINATION', t.spec);
    },
  });
  return outcome;
}

/** stopProcess for one process: NOT_RUNNING unless running, then (wait) until stopped. */
export function stopOne(port: ProcessControl, t: Target, wait: boolean, signal?: AbortSignal): Outcome {
  const group = t.group.name;
  const name = t.proc.config.name;
  if (!isStoppable(t.proc.state, t.proc.restartPending)) throw RpcFault.of('NOT_RUNNING', t.spec);
  const outcome = watchProcess({
    port,
    group,
    name,
    signal,
    act: () => port.stop(group, name),
    decide: (view) => (!wait || view === undefined || STOPPED_STATES.has(view.state) ? 'ok' : 'wait'),
  });
  if (!outcome.done) noteWhileWaiting(port, `waiting for ${name} to stop`, outcome.promise);
  return outcome;
}

/** supervisord's stop RPC logs this at once and then every 2 s until the process is stopped */
function noteWhileWaiting(port: Pick<ProcessControl, 'note'>, text: string, until: Promise<void>): void {
  port.note(text);
  const timer = setInterval(() => port.note(text), 2000);
  const stop = (): void => clearInterval(timer);
  until.then(stop, stop);
}

/** signalProcess for one process; signo is the parsed signal or the BAD_SIGNAL fault. */
export function signalOne(port: ProcessControl, t: Target, signo: number | RpcFault): Outcome {
  if (signo instanceof RpcFault) throw signo;
  if (!SIGNALLABLE_STATES.has(t.proc.state)) throw RpcFault.of('NOT_RUNNING', t.spec);
  port.signal(t.group.name, t.proc.config.name, signo);
  return { done: true, fault: null };
}

function result(t: Target, fault: RpcFault | null): ProcessResult {
  return fault === null
    ? { name: t.proc.config.name, group: t.group.name, status: Faults.SUCCESS, description: 'OK' }
    : { name: t.proc.config.name, group: t.group.name, status: fault.code, description: fault.text };
}

/**
 * Run op on every target whose state passes the filter, in the given order. Immediate
 * results come first, then waited ones as they complete; failures become result entries.
 */
export async function runAll(
  port: ProcessGroups,
  targets: readonly Target[],
  filter: (state: ProcessStateName, view: ProcessView) => boolean,
  op: (t: Target) => Outcome,
): Promise<ProcessResult[]> {
  const results: ProcessResult[] = [];
  // Waited results come in completion order; those that complete in the same turn of the
  // event loop (reaped in one pass) are put in target order, as supervisord's poll does.
  let batch: { readonly slot: number; readonly r: ProcessResult }[] = [];
  const flush = (): void => {
    for (const b of batch.sort((x, y) => x.slot - y.slot)) results.push(b.r);
    batch = [];
  };
  const complete = (slot: number, r: ProcessResult): void => {
    if (batch.length === 0) setImmediate(flush);
    batch.push({ slot, r });
  };
  const pending: Promise<void>[] = [];
  for (const listed of targets) {
    // the state now, not when the list was made: an earlier action may have changed it
    const proc = findProcess(port, listed.group.name, listed.proc.config.name);
    if (proc === undefined || !filter(proc.state, proc)) continue;
    const t: Target = { ...listed, proc };
    let outcome: Outcome;
    try {
      outcome = op(t);
    } catch (err) {
      const fault = toRpcFault(err);
      if (fault === null) throw err;
      results.push(result(t, fault));
      continue;
    }
    if (outcome.done) {
      results.push(result(t, outcome.fault));
      continue;
    }
    const slot = pending.length;
    pending.push(
      outcome.promise.then(
        () => complete(slot, result(t, null)),
        (err: unknown) => {
          const fault = toRpcFault(err);
          if (fault === null) throw err;
          complete(slot, result(t, fault));
        },
      ),
    );
  }
  await Promise.all(pending);
  flush();
  return results;
}
