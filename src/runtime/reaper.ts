// The Reaper: waits for every zombie child of tend that libuv will not wait for — the children
// the spawner forked and the orphans adopted as PID 1 or as child subreaper — and passes each
// exit to onExit once. Node's own child_process children are excluded (spawn hook + uv_walk),
// so their 'exit' events are never stolen (docs/pid1.md §3a, §4).
// Runs on the main thread only. Rules for the rest of tend: no spawning from worker threads,
// no other waitpid(-1) in the process. What happens to an exit next: exits.ts.

import { loadAddon, type NativeAddon } from './addon';
import { installSpawnHook, liveNodeChildren } from './spawn/hook';
import type { ExitStatus, Reaper } from './types';
import { decodeWaitStatus } from './wait-status';

export interface ReaperOptions {
  /** safety-net pass interval in ms (default 5000); SIGCHLD drives the normal passes */
  readonly intervalMs?: number;
  /** add libuv's live process handles to the exclusion set (default true) */
  readonly useUvWalk?: boolean;
}

let running: NativeReaper | null = null;

/** Pids forked by tend itself (not libuv) whose exit has not been reaped yet. */
const ownChildren = new Set<number>();

/**
 * Called by whoever forks with the addon, right after the fork: while such a child lives the
 * reaper holds the event loop open (nothing else may: a child can close its pipes and live on).
 */
export function registerChild(pid: number): void {
  ownChildren.add(pid);
  running?.holdLoop();
}

export class NativeReaper implements Reaper {
  private onExit: ((status: ExitStatus) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private scheduled = false;
  private readonly onSigchld = (): void => this.schedule();
  /** whether orphans reach us: true as PID 1 or when PR_SET_CHILD_SUBREAPER worked */
  adoptsOrphans = false;

  constructor(
    private readonly addon: NativeAddon = loadAddon(),
    private readonly options: ReaperOptions = {},
  ) {
    installSpawnHook();
  }

  start(onExit: (status: ExitStatus) => void): void {
    if (running !== null) throw new Error('tend: a reaper is already running');
    running = this;
    this.onExit = onExit;
    this.adoptsOrphans = process.pid === 1 || this.addon.setChildSubreaper();
    process.on('SIGCHLD', this.onSigchld);
    this.timer = setInterval(() => this.reapNow(), this.options.intervalMs ?? 5000);
    this.holdLoop();
    this.schedule(); // zombies that died before start
  }

  /** One pass now. An exception thrown by onExit is rethrown after every status was delivered. */
  reapNow(): void {
    const onExit = this.onExit;
    if (!onExit) return;
    const excluded = Int32Array.from(liveNodeChildren());
    const reaped = this.addon.reapOrphans(excluded, this.options.useUvWalk ?? true);
    let failure: { error: unknown } | null = null;
    for (const r of reaped) ownChildren.delete(r.pid);
    this.holdLoop();
    for (const r of reaped) {
      try {
        onExit(decodeWaitStatus(r.pid, r.status));
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  stop(): void {
    if (running === this) running = null;
    this.onExit = null;
    process.removeListener('SIGCHLD', this.onSigchld);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The safety timer keeps the loop alive exactly while one of tend's own children lives. */
  holdLoop(): void {
    if (ownChildren.size > 0) this.timer?.ref();
    else this.timer?.unref();
  }

  /** Coalesce a burst of SIGCHLDs into one pass on the next turn of the loop. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.reapNow();
    });
  }
}

export function createReaper(options?: ReaperOptions): NativeReaper {
  return new NativeReaper(loadAddon(), options);
}
