// Name resolution against the supervisor (spec §6.3) and the two process orders the API uses.

import type { GroupView, ProcessGroups, ProcessView } from '../../core/port';
import { makeNamespec, RpcFault, splitNamespec } from '../../protocol/protocol';

export interface Target {
  readonly group: GroupView;
  readonly proc: ProcessView;
  /** the namespec, as faults and results name the process */
  readonly spec: string;
}

export function findGroup(port: ProcessGroups, name: string): GroupView | undefined {
  return port.groups().find((g) => g.name === name);
}

/** The current view of one process, or undefined when it is gone. */
export function findProcess(port: ProcessGroups, group: string, name: string): ProcessView | undefined {
  return findGroup(port, group)?.processes.find((p) => p.config.name === name);
}

/**
 * `proc`, `group:proc`, `group:*` or `group:`: the group and, unless the whole group was
 * named, the process. Unknown names fail with BAD_NAME and the argument as given.
 */
export function resolveName(port: ProcessGroups, spec: string): { group: GroupView; proc: ProcessView | null } {
  const [groupName, procName] = splitNamespec(spec);
  const group = findGroup(port, groupName);
  if (group === undefined) throw RpcFault.of('BAD_NAME', spec);
  if (procName === null) return { group, proc: null };
  const proc = group.processes.find((p) => p.config.name === procName);
  if (proc === undefined) throw RpcFault.of('BAD_NAME', spec);
  return { group, proc };
}

export function targetsOf(group: GroupView): Target[] {
  return group.processes.map((proc) => ({ group, proc, spec: makeNamespec(group.name, proc.config.name) }));
}

/** Every process in start order: groups by (priority, name), then each group's own order. */
export function allInStartOrder(port: ProcessGroups): Target[] {
  return port.groups().flatMap(targetsOf);
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every process sorted by group name, then process name (getAllProcessInfo's order). */
export function allInNameOrder(port: ProcessGroups): Target[] {
  const groups = [...port.groups()].sort((a, b) => byString(a.name, b.name));
  return groups.flatMap((g) =>
    [...g.processes]
      .sort((a, b) => byString(a.config.name, b.config.name))
      .map((proc) => ({ group: g, proc, spec: makeNamespec(g.name, proc.config.name) })),
  );
}
