// reread's comparison of the last-read config with the groups in use (spec §2.13): groups are
// matched by name and compared by priority and every process config field. Where a setting
// was written does not count, and an AUTO log file compares equal to anything (as supervisord's
// Automatic does). Pure.

import type { GroupConfig, ProcessConfig, StreamLogConfig } from '../config/types';

export interface ConfigDiff {
  /** in the new config only (in its order) */
  readonly added: readonly string[];
  /** in both, with a different config (in the new config's order) */
  readonly changed: readonly string[];
  /** in use but no longer in the config (in the order in use) */
  readonly removed: readonly string[];
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && sameValue(ra[k], rb[k]));
}

function sameStream(a: StreamLogConfig, b: StreamLogConfig): boolean {
  const auto = a.logfile.kind === 'auto' || b.logfile.kind === 'auto';
  return sameValue({ ...a, logfile: auto ? null : a.logfile }, { ...b, logfile: auto ? null : b.logfile });
}

export function sameProcess(a: ProcessConfig, b: ProcessConfig): boolean {
  const strip = (p: ProcessConfig): Omit<ProcessConfig, 'where' | 'stdout' | 'stderr'> => {
    const { where: _w, stdout: _o, stderr: _e, ...rest } = p;
    return rest;
  };
  return sameValue(strip(a), strip(b)) && sameStream(a.stdout, b.stdout) && sameStream(a.stderr, b.stderr);
}

export function sameGroup(a: GroupConfig, b: GroupConfig): boolean {
  return a.name === b.name && a.priority === b.priority && a.processes.length === b.processes.length &&
    a.processes.every((p, i) => sameProcess(p, b.processes[i] as ProcessConfig));
}

export function diffGroups(inUse: readonly GroupConfig[], next: readonly GroupConfig[]): ConfigDiff {
  const cur = new Map(inUse.map((g) => [g.name, g]));
  const names = new Set(next.map((g) => g.name));
  return {
    added: next.filter((g) => !cur.has(g.name)).map((g) => g.name),
    changed: next.filter((g) => {
      const old = cur.get(g.name);
      return old !== undefined && !sameGroup(old, g);
    }).map((g) => g.name),
    removed: inUse.filter((g) => !names.has(g.name)).map((g) => g.name),
  };
}
