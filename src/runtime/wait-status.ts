// Decoding Linux wait statuses (the bit layout of <sys/wait.h>). Pure.

import type { ExitStatus } from './types';

/** WIFEXITED / WEXITSTATUS / WIFSIGNALED / WTERMSIG / WCOREDUMP of a raw status. */
export function decodeWaitStatus(pid: number, raw: number): ExitStatus {
  const low = raw & 0x7f;
  if (low === 0) return { pid, code: (raw >> 8) & 0xff, signal: null, coreDumped: false };
  if (low !== 0x7f) return { pid, code: null, signal: low, coreDumped: (raw & 0x80) !== 0 };
  // stopped: never asked for (no WUNTRACED); keep the shape honest
  return { pid, code: null, signal: null, coreDumped: false };
}

/** The exit code a shell (or tini) reports: the code, or 128 + the signal. */
export function shellExitCode(status: ExitStatus): number {
  if (status.code !== null) return status.code;
  if (status.signal !== null) return 128 + status.signal;
  return 255;
}
