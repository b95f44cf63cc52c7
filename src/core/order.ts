// Start order (spec §4.3) and the shutdown planner (spec §4.4). Pure.
//
// The planner is stateless: given every group with its processes' current states, it says
// which group is being stopped now and what to do to it. The runtime calls it again after
// every state change until it answers 'done'. When tend's shutdown_timeout runs out,
// cutShortPlan says what to do to every process left, all groups at once.

import type { GroupConfig, ProcessConfig } from '../config/types';
import { STOPPED_STATES, type ProcessStateName } from './states';

interface Prioritized {
  readonly name: string;
  readonly priority: number;
}

/** (priority, name) ascending; names compare by code point, as Python does. */
export function byPriorityThenName(a: Prioritized, b: Prioritized): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Groups sorted by (priority, name); processes in group order. */
export function startOrder(groups: readonly GroupConfig[]): ProcessConfig[] {
  return [...groups].sort(byPriorityThenName).flatMap((g) => g.processes);
}

export interface PlanProcess {
  readonly name: string;
  readonly priority: number;
  readonly state: ProcessStateName;
}

export interface PlanGroup {
  readonly name: string;
  readonly priority: number;
  /** in the group's start order */
  readonly processes: readonly PlanProcess[];
}

export type ShutdownStep =
  | { readonly kind: 'done' }
  | {
      readonly kind: 'group';
      readonly group: string;
      /** RUNNING/STARTING processes to send a stop, descending process priority */
      readonly stop: readonly string[];
      /** BACKOFF processes to move to FATAL */
      readonly giveUp: readonly string[];
      /** the group's processes not yet in a stopped state */
      readonly unstopped: readonly string[];
    };

function isUnstopped(p: PlanProcess): boolean {
  return !STOPPED_STATES.has(p.state);
}

/** Descending group priority; ties in reverse of start order. */
export function shutdownOrder(groups: readonly PlanGroup[]): PlanGroup[] {
  return [...groups].sort(byPriorityThenName).reverse();
}

/** Descending process priority; ties in reverse of group order. */
function stopOrder(processes: readonly PlanProcess[]): PlanProcess[] {
  return [...processes].reverse().sort((a, b) => b.priority - a.priority);
}

function planGroup(group: PlanGroup): ShutdownStep {
  const ordered = stopOrder(group.processes);
  return {
    kind: 'group',
    group: group.name,
    stop: ordered.filter((p) => p.state === 'RUNNING' || p.state === 'STARTING').map((p) => p.name),
    giveUp: ordered.filter((p) => p.state === 'BACKOFF').map((p) => p.name),
    unstopped: group.processes.filter(isUnstopped).map((p) => p.name),
  };
}

/** The group to work on now: the first in shutdown order that still has unstopped processes. */
export function nextShutdownStep(groups: readonly PlanGroup[]): ShutdownStep {
  const current = shutdownOrder(groups).find((g) => g.processes.some(isUnstopped));
  return current === undefined ? { kind: 'done' } : planGroup(current);
}

/** Names of every unstopped process, all groups, in start order. */
export function unstoppedNames(groups: readonly PlanGroup[]): string[] {
  return [...groups].sort(byPriorityThenName).flatMap((g) => g.processes.filter(isUnstopped).map((p) => p.name));
}

/** `waiting for a, b, c to die` */
export function waitingText(names: readonly string[]): string {
  return `waiting for ${names.join(', ')} to die`;
}

/** What the shutdown deadline does to one process that has not stopped yet. */
export interface CutShort {
  readonly group: string;
  readonly name: string;
  readonly state: ProcessStateName;
  /** in order: 'stop' (STARTING/RUNNING -> STOPPING), then 'kill' (SIGKILL now, as when
   * stopwaitsecs runs out); BACKOFF only gives up (it has no process) */
  readonly actions: readonly ('stop' | 'kill' | 'giveUp')[];
}

/** Every group at once, in shutdown order: what the shutdown deadline cuts short. */
export function cutShortPlan(groups: readonly PlanGroup[]): CutShort[] {
  return shutdownOrder(groups).flatMap((g) => stopOrder(g.processes).filter(isUnstopped).map((p): CutShort => ({
    group: g.name,
    name: p.name,
    state: p.state,
    actions: p.state === 'BACKOFF' ? ['giveUp']
      : p.state === 'STOPPING' ? ['kill']
        : p.state === 'RUNNING' || p.state === 'STARTING' ? ['stop', 'kill'] : [],
  })));
}
