// How a process ended, as text and as supervisord's exitstatus number (spec §3.7, §6.5). Pure.

import { signame } from '../common/signals';

/** The parts of a wait status the core needs (runtime's ExitStatus fits this shape). */
export interface ExitLike {
  /** exit code when it exited, else null */
  readonly code: number | null;
  /** signal number when a signal killed it, else null */
  readonly signal: number | null;
  readonly coreDumped: boolean;
}

/** `exit status 1`, `terminated by SIGTERM`, `terminated by SIGSEGV (core dumped)`. */
export function describeExit(status: ExitLike): string {
  if (status.signal !== null) {
    const text = `terminated by ${signame(status.signal)}`;
    return status.coreDumped ? `${text} (core dumped)` : text;
  }
  if (status.code !== null) return `exit status ${status.code}`;
  return 'unknown termination cause';
}

/** supervisord's exitstatus: the exit code, or -1 after a death by signal. */
export function exitStatusNumber(status: ExitLike): number {
  if (status.signal !== null) return -1;
  return status.code ?? -1;
}

/** Expected iff the process exited by itself with a code in exitcodes; a signal death never is. */
export function isExpectedExit(status: ExitLike, exitcodes: readonly number[]): boolean {
  return status.signal === null && status.code !== null && exitcodes.includes(status.code);
}
