// The Spawner: split the command, find the executable, make real pipes, fork and exec with
// the native addon (so user= gets its supplementary groups, which libuv's spawn cannot do).
// The child is not a libuv child: it is registered with the reaper, which waits for it and
// reports its exit.

import type { ProcessConfig } from '../../config/types';
import type { CommandCheck } from '../../core/port';
import { errnoCode } from '../../common/errors';
import { loadAddon, type NativeAddon } from '../addon';
import { resolveCommand, searchPath, type Resolved } from './exec-path';
import { registerChild } from '../reaper';
import {
  childStdio,
  closeChildEnds,
  closeParentEnds,
  makePipes,
  writeEnd,
  type ChildPipes,
} from './pipes';
import { forkErrorText, pipeErrorText } from './errors';
import { childEnvironment, toEnvp } from './env';
import type { ChildOutput } from '../../logging/types';
import type { SpawnContext, SpawnOutcome, Spawner } from '../types';

export class NativeSpawner implements Spawner {
  constructor(private readonly addon: NativeAddon = loadAddon()) {}

  check(proc: ProcessConfig, ctx: SpawnContext): CommandCheck {
    const r = this.resolve(proc, ctx);
    return r.ok ? { ok: true } : { ok: false, fault: r.fault, text: r.text };
  }

  spawn(proc: ProcessConfig, ctx: SpawnContext, output: ChildOutput): SpawnOutcome {
    const cmd = this.resolve(proc, ctx);
    if (!cmd.ok) return { ok: false, spawnerr: cmd.text };
    const envp = toEnvp(childEnvironment(proc, ctx));

    let pipes: ChildPipes;
    try {
      pipes = makePipes(this.addon, {
        redirectStderr: proc.redirect_stderr, stdoutFd: output.stdoutFd, stderrFd: output.stderrFd,
      });
    } catch (err) {
      return { ok: false, spawnerr: pipeErrorText(proc.name, errnoCode(err) ?? 'UNKNOWN') };
    }

    let pid: number;
    try {
      pid = this.addon.spawn({
        file: cmd.file,
        argv: cmd.argv,
        envp,
        stdio: childStdio(pipes),
        setpgid: true,
        user: proc.user,
        cwd: proc.directory,
        umask: proc.umask ?? -1,
      });
    } catch (err) {
      closeChildEnds(pipes);
      closeParentEnds(pipes);
      return { ok: false, spawnerr: forkErrorText(proc.name, errnoCode(err) ?? 'UNKNOWN') };
    }
    registerChild(pid);
    closeChildEnds(pipes);
    if (pipes.stdout) output.read(pipes.stdout[0], 'stdout');
    if (pipes.stderr) output.read(pipes.stderr[0], 'stderr');
    return { ok: true, child: { pid, stdin: writeEnd(pipes.stdin[1]) } };
  }

  /** The search PATH is the program's environment PATH, else tend's (base) PATH, else the default. */
  private resolve(proc: ProcessConfig, ctx: SpawnContext): Resolved {
    return resolveCommand(proc.command, searchPath(proc.environment.PATH, ctx.baseEnv.PATH));
  }
}

export function createSpawner(addon?: NativeAddon): Spawner {
  return new NativeSpawner(addon);
}
