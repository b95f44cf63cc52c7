// The supervisor's processes: groups in (priority, name) order, lookup by name and by pid.

import { Refusal } from '../../common/errors';
import type { Config, GroupConfig } from '../../config/types';
import { byPriorityThenName, type PlanGroup } from '../../core/order';
import type { GroupView } from '../../core/port';
import { ManagedProcess } from './process';

export interface GroupState extends GroupView {
  readonly processes: readonly ManagedProcess[];
}

export interface GroupEntry extends GroupState {
  readonly config: GroupConfig;
}

export class ProcessTable {
  private entries: GroupEntry[];
  private readonly byPid = new Map<number, ManagedProcess>();

  constructor(config: Config, private readonly clock: () => number) {
    this.entries = [...config.groups].sort(byPriorityThenName).map((g) => this.entry(g));
  }

  private entry(g: GroupConfig): GroupEntry {
    return { name: g.name, priority: g.priority, config: g, processes: g.processes.map((p) => new ManagedProcess(p, this.clock)) };
  }

  /** in (priority, name) order */
  get groups(): readonly GroupEntry[] {
    return this.entries;
  }

  group(name: string): GroupEntry | undefined {
    return this.entries.find((g) => g.name === name);
  }

  /** put a group in use (kept in (priority, name) order); returns its processes */
  add(g: GroupConfig): GroupEntry {
    const e = this.entry(g);
    this.entries = [...this.entries, e].sort(byPriorityThenName);
    return e;
  }

  remove(name: string): void {
    this.entries = this.entries.filter((g) => g.name !== name);
  }

  /** throws Refusal BAD_NAME (`group:name`) for a process that does not exist */
  find(group: string, name: string): ManagedProcess {
    const proc = this.groups.find((g) => g.name === group)?.processes.find((p) => p.config.name === name);
    if (proc === undefined) throw new Refusal('BAD_NAME', `${group}:${name}`);
    return proc;
  }

  adopt(pid: number, proc: ManagedProcess): void {
    this.byPid.set(pid, proc);
  }

  /** the process a reaped pid belonged to (forgotten now), or undefined for an orphan */
  release(pid: number): ManagedProcess | undefined {
    const proc = this.byPid.get(pid);
    this.byPid.delete(pid);
    return proc;
  }

  all(): ManagedProcess[] {
    return this.groups.flatMap((g) => g.processes);
  }

  /** the shutdown planner's view: names, priorities and current states */
  plan(): PlanGroup[] {
    return this.groups.map((g) => ({
      name: g.name,
      priority: g.priority,
      processes: g.processes.map((p) => ({ name: p.config.name, priority: p.config.priority, state: p.state })),
    }));
  }
}
