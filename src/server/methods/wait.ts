// Act on one process and decide from its state changes when the request is answered.
// Event-driven: the decision runs once right after the action and then on every change of
// that process that the supervisor reports through onChange; there is no polling.

import type { ChangeFeed, ProcessView, StateChange } from '../../core/port';
import { findProcess } from './names';
import { RpcFault } from '../../protocol/protocol';

/** 'wait' keeps listening; 'ok' answers true; a fault answers that fault. */
export type Decision = 'wait' | 'ok' | RpcFault;

/** Decided right away, or later through promise (which rejects with an RpcFault, or an abort error). */
export type Outcome =
  | { readonly done: true; readonly fault: RpcFault | null }
  | { readonly done: false; readonly promise: Promise<void> };

export class AbortedError extends Error {
  constructor() {
    super('request aborted');
    this.name = 'AbortedError';
  }
}

export interface Watch {
  readonly port: ChangeFeed;
  readonly group: string;
  readonly name: string;
  /** the action, run after the listener is in place (so synchronous changes are seen) */
  readonly act: () => void;
  /** sees every change of the process, including those made during act() */
  readonly observe?: (change: StateChange) => void;
  /** from the process now (undefined when it is gone); first called when act() has returned */
  readonly decide: (view: ProcessView | undefined) => Decision;
  /** stop listening (and reject) when the client goes away */
  readonly signal?: AbortSignal;
}

export function watchProcess(w: Watch): Outcome {
  let decided: Decision | null = null;
  let settle: ((d: Decision) => void) | null = null;
  const finish = (d: Decision): void => {
    decided = d;
    unsubscribe();
    settle?.(d);
  };
  let acting = true;
  const unsubscribe = w.port.onChange((change) => {
    if (decided !== null || change.group !== w.group || change.name !== w.name) return;
    w.observe?.(change);
    if (acting) return;
    const d = w.decide(findProcess(w.port, w.group, w.name));
    if (d !== 'wait') finish(d);
  });
  try {
    w.act();
  } catch (err) {
    unsubscribe();
    throw err;
  } finally {
    acting = false;
  }
  const first = w.decide(findProcess(w.port, w.group, w.name));
  if (first !== 'wait') finish(first);
  const now: Decision | null = decided;
  if (now !== null) return { done: true, fault: now === 'ok' ? null : now };
  const promise = new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      settle = null;
      unsubscribe();
      reject(new AbortedError());
    };
    settle = (d) => {
      w.signal?.removeEventListener('abort', onAbort);
      if (d === 'ok') resolve();
      else if (d !== 'wait') reject(d);
    };
    if (w.signal?.aborted) onAbort();
    else w.signal?.addEventListener('abort', onAbort, { once: true });
  });
  return { done: false, promise };
}
