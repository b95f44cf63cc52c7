// Contracts between the runtime pieces: the spawner and reaper (native side) and the
// supervisor that drives them. Only types here.

import type { Socket } from 'node:net';
import type { ProcessConfig } from '../config/types';
import type { CommandCheck } from '../core/port';
import type { ChildOutput } from '../logging/types';

/** How a reaped process ended (decoded from the raw wait status). */
export interface ExitStatus {
  readonly pid: number;
  /** exit code when it exited, else null */
  readonly code: number | null;
  /** signal number when a signal killed it, else null */
  readonly signal: number | null;
  readonly coreDumped: boolean;
}

/** A child forked by the spawner. The read ends of its output pipes went to ChildOutput.read. */
export interface SpawnedChild {
  readonly pid: number;
  /** write end of the child's stdin pipe */
  readonly stdin: Socket;
}

export type SpawnOutcome =
  | { readonly ok: true; readonly child: SpawnedChild }
  /** spawnerr text of spec §3.4, e.g. "can't find command '/no/such'" */
  | { readonly ok: false; readonly spawnerr: string };

/** What a spawn needs beyond the process's own config. */
export interface SpawnContext {
  /** tend's environment at start, plus [supervisord] environment=, before SUPERVISOR_* */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** value for SUPERVISOR_SERVER_URL when the program's serverurl is AUTO; null omits it */
  readonly serverUrl: string | null;
}

export interface Spawner {
  /** the parent-side executable checks of spec §3.5 step 1 (also used by startProcess) */
  check(proc: ProcessConfig, ctx: SpawnContext): CommandCheck;
  /** fork and exec now; the pid is registered with the reaper before this returns */
  spawn(proc: ProcessConfig, ctx: SpawnContext, output: ChildOutput): SpawnOutcome;
}

export interface Reaper {
  /**
   * Start reaping: every exit of a child the spawner forked, and of every orphan adopted by
   * tend, is passed to onExit exactly once. Children that Node's child_process spawned are
   * never reaped here.
   */
  start(onExit: (status: ExitStatus) => void): void;
  /** run one reap pass now (also runs on SIGCHLD and on a slow safety timer) */
  reapNow(): void;
  stop(): void;
}
