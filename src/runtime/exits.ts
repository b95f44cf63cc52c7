// The path of a child's exit, from the kernel to the decision, in order:
//
//   1. SIGCHLD (or the slow safety timer) runs a pass of the Reaper (reaper.ts): waitpid() on
//      every zombie child of tend except those libuv spawned (docs/pid1.md), decoded into an
//      ExitStatus (wait-status.ts).
//   2. ExitRouter.deliver (here) holds each exit until after the event loop's I/O phase, so the
//      last lines a program wrote are read and logged before its `exited:`/`stopped:` line, and
//      hands it to the supervisor generation now running (or keeps it for the next one during
//      a reload).
//   3. Supervisor.onExit (supervisor/supervisor.ts) finds the process by pid (supervisor/table.ts);
//      a pid that is none of its processes is an adopted orphan and is only logged.
//   4. The pure core decides: transition(record, { type: 'exited' }) (core/transitions.ts) gives
//      the next state and the effects (log line, restart timer or spawn, state change), which
//      supervisor/effects.ts runs.
//
// One ExitRouter lives as long as tend; each config generation subscribes while it runs.

import type { ExitStatus, Reaper } from './types';

export type ExitHandler = (status: ExitStatus) => void;

export class ExitRouter {
  private current: ExitHandler | null = null;
  private readonly pending: ExitStatus[] = [];

  /** starts the real reaper at once: zombies are reaped even between generations */
  constructor(private readonly real: Reaper) {
    real.start((status) => setImmediate(() => this.deliver(status)));
  }

  /** The Reaper a supervisor generation is given: start() subscribes it, stop() unsubscribes. */
  forGeneration(): Reaper {
    return {
      start: (onExit) => {
        this.current = onExit;
        for (const s of this.pending.splice(0)) onExit(s);
      },
      reapNow: () => this.real.reapNow(),
      stop: () => { this.current = null; },
    };
  }

  private deliver(status: ExitStatus): void {
    if (this.current) this.current(status);
    else this.pending.push(status);
  }
}
