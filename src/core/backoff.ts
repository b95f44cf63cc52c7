// How long a process waits before its next start (spec §3.3, and tend's backoff keys). Pure.
//
// Failed starts (BACKOFF): the n-th wait is n seconds (backoff=linear, supervisord's) or
// 2^(n-1) seconds (exponential), never more than backoff_max. Restarts after RUNNING
// (autorestart): at once in supervisord, but never sooner than RESTART_FLOOR_MS after the
// last spawn; with restart_backoff the n-th restart in a row also waits the n-th wait of that
// shape. A run that lasts backoff_max seconds or more ends the row.

import type { BackoffShape, ProcessConfig } from '../config/types';

/** A process is not spawned again sooner than this after its last spawn (supervisord's ~1/s). */
export const RESTART_FLOOR_MS = 1000;

/** The n-th wait (n >= 1), in seconds. */
export function waitSeconds(shape: BackoffShape, n: number, max: number): number {
  const grown = shape === 'linear' ? n : 2 ** (n - 1);
  return Math.min(grown, max);
}

export interface RestartPlan {
  /** restarts in a row after RUNNING, this one included (0 without restart_backoff) */
  readonly restarts: number;
  /** from the exit to the next spawn; 0 = at once */
  readonly delayMs: number;
}

/** The automatic restart of a process that ran ranMs (spawn to exit) after `restarts` in a row. */
export function planRestart(config: ProcessConfig, ranMs: number, restarts: number): RestartPlan {
  const floor = Math.max(0, RESTART_FLOOR_MS - ranMs);
  const shape = config.restart_backoff;
  if (shape === 'none') return { restarts: 0, delayMs: floor };
  const n = ranMs >= config.backoff_max * 1000 ? 1 : restarts + 1;
  return { restarts: n, delayMs: Math.max(floor, waitSeconds(shape, n, config.backoff_max) * 1000) };
}
