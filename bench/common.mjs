// What the side-by-side benchmarks share: the bookkeeping that kills every supervisor they
// started (as PID 1 of its own namespace) and removes their temp dir on exit or a signal, and
// small readers of /proc.

import fs from 'node:fs';
import os from 'node:os';

/** Everything one benchmark run starts: `root` (its one temp dir) and `live` (ChildProcesses). */
export class Trials {
  root = null;
  live = new Set();

  /** name: for the line printed when a signal ends the run */
  constructor(name) {
    process.on('exit', () => this.cleanupAll());
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(sig, () => {
        process.stderr.write(`${name}: ${sig}, cleaning up\n`);
        this.cleanupAll();
        process.exit(128 + os.constants.signals[sig]);
      });
    }
  }

  /** SIGKILL to the inner PID 1 ends the whole namespace; unshare's --kill-child covers the rest. */
  killTree(child) {
    if (child.innerPid) {
      try { process.kill(child.innerPid, 'SIGKILL'); } catch { /* gone */ }
    }
    try { child.kill('SIGKILL'); } catch { /* gone */ }
  }

  cleanupAll() {
    for (const c of this.live) this.killTree(c);
    this.live.clear();
    if (this.root) {
      try { fs.rmSync(this.root, { recursive: true, force: true }); } catch { /* best effort */ }
      this.root = null;
    }
  }
}

export function median(xs) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** the pids of pid's children (the supervisor is the only child of unshare) */
export function childrenOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
