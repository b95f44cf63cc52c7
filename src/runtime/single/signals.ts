// Which signals single-program mode passes on to its child, as tini does: every catchable one
// except SIGCHLD and the synchronous faults (ILL TRAP ABRT BUS FPE SEGV SYS), which concern
// tend itself. SIGTTIN/SIGTTOU are caught and dropped (tend must not stop when it touches a
// terminal its child now owns). A JS listener for SIGUSR1 also keeps Node's inspector shut.

import { SIGNALS, type SignalName } from '../../common/signals';

export const FORWARDED: readonly SignalName[] = [
  'HUP', 'INT', 'QUIT', 'USR1', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT', 'CONT', 'TSTP',
  'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO', 'PWR',
];

export const SWALLOWED: readonly SignalName[] = ['TTIN', 'TTOU'];

/** Forward the signals to target() (null: nothing to forward to); returns the uninstaller. */
export function forwardSignals(target: () => number | null): () => void {
  const installed: Array<[NodeJS.Signals, () => void]> = [];
  for (const name of FORWARDED) {
    const signo = SIGNALS[name];
    const handler = (): void => {
      const pid = target();
      if (pid === null || pid <= 0) return;
      try {
        process.kill(pid, signo);
      } catch {
        /* ESRCH: it has just exited; the reaper will tell */
      }
    };
    installed.push([`SIG${name}` as NodeJS.Signals, handler]);
  }
  for (const name of SWALLOWED) installed.push([`SIG${name}` as NodeJS.Signals, () => undefined]);
  for (const [sig, handler] of installed) process.on(sig, handler);
  return () => {
    for (const [sig, handler] of installed) process.removeListener(sig, handler);
  };
}
