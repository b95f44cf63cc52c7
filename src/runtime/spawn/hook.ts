// Tracking the children Node's child_process spawns, so the reaper never waits for them
// (docs/pid1.md §4). spawn, exec, execFile and fork all go through ChildProcess.prototype.spawn;
// the hook records the pid as soon as libuv has forked it. An entry is dropped once Node has
// seen the exit (exitCode or signalCode set): until then libuv may still waitpid() it.
// Spawns made before the hook was installed are covered by the addon's uv_walk.

import { ChildProcess } from 'node:child_process';

type SpawnMethod = (this: ChildProcess, ...args: unknown[]) => unknown;

const live = new Map<number, ChildProcess>();
let installed = false;

export function installSpawnHook(): void {
  if (installed) return;
  installed = true;
  const proto = ChildProcess.prototype as unknown as { spawn: SpawnMethod };
  const original = proto.spawn;
  proto.spawn = function hookedSpawn(this: ChildProcess, ...args: unknown[]): unknown {
    const result = original.apply(this, args);
    const pid = this.pid;
    if (pid !== undefined && pid > 0) live.set(pid, this);
    return result;
  };
}

/** Pids of Node's children that libuv has not reaped yet. */
export function liveNodeChildren(): number[] {
  const pids: number[] = [];
  for (const [pid, child] of live) {
    if (child.exitCode !== null || child.signalCode !== null) live.delete(pid);
    else pids.push(pid);
  }
  return pids;
}
