// CPU% and memory of running processes for `ctl status --usage` (pidusage reads /proc). CPU%
// is measured over a short window (two samples), as top does, not averaged over the lifetime.

import pidusage from 'pidusage';

export interface Usage {
  /** percent of one CPU over the window (may exceed 100 on several cores) */
  readonly cpu: number;
  /** resident memory, bytes */
  readonly memory: number;
}

export const USAGE_WINDOW_MS = 200;

export async function sampleUsage(pids: readonly number[], windowMs = USAGE_WINDOW_MS): Promise<Map<number, Usage>> {
  const live = pids.filter((p) => p > 0);
  const out = new Map<number, Usage>();
  if (live.length === 0) return out;
  try {
    await pidusage(live);
    await new Promise((r) => setTimeout(r, windowMs));
    const stats = await pidusage(live);
    for (const pid of live) {
      const s = stats[String(pid)];
      if (s) out.set(pid, { cpu: s.cpu, memory: s.memory });
    }
  } catch {
    // a process that exited between the samples: measure the rest one by one
    for (const pid of live) {
      try {
        const s = await pidusage(pid);
        out.set(pid, { cpu: s.cpu, memory: s.memory });
      } catch { /* gone */ }
    }
  } finally {
    pidusage.clear();
  }
  return out;
}

export function formatUsage(u: Usage | undefined): string {
  if (u === undefined) return '';
  const mib = u.memory / (1024 * 1024);
  return `cpu ${u.cpu.toFixed(1)}%, mem ${mib >= 100 ? mib.toFixed(0) : mib.toFixed(1)}M`;
}
