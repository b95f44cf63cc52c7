// Single-program mode (`tend -- CMD ARGS...`), a tini for Node: CMD is the only child, in its
// own process group and, when stdin is a terminal, in the foreground of it; every catchable
// signal is forwarded to it; zombies are reaped; tend resolves with the child's exit code, or
// 128+n when signal n killed it. Exec problems found before the fork: 127 (not found) or 126,
// with one line `tend: <reason>` on stderr; the child reports late exec failures the same way.

import * as fs from 'node:fs';
import { isatty } from 'node:tty';
import { errnoCode } from '../../common/errors';
import { loadAddon, type NativeAddon } from '../addon';
import { resolveExecutable, searchPath } from '../spawn/exec-path';
import { NativeReaper, registerChild } from '../reaper';
import { forwardSignals } from './signals';
import { toEnvp } from '../spawn/env';
import { shellExitCode } from '../wait-status';

export interface SingleOptions {
  readonly addon?: NativeAddon;
  /** the child's environment (default: tend's own) */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

function say(line: string): void {
  try {
    fs.writeSync(2, `tend: ${line}\n`);
  } catch {
    /* no stderr */
  }
}

/** Run argv as the only child; resolves with the exit code tend should exit with. */
export async function runSingle(argv: readonly string[], options: SingleOptions = {}): Promise<number> {
  const argv0 = argv[0];
  if (argv0 === undefined || argv0 === '') {
    say('no command given');
    return 2;
  }
  const env = options.env ?? process.env;
  const found = resolveExecutable(argv0, searchPath(env.PATH));
  if (!found.ok) {
    say(found.text);
    return found.fault === 'NO_FILE' ? 127 : 126;
  }
  const addon = options.addon ?? loadAddon();
  const reaper = new NativeReaper(addon);
  let childPid: number | null = null;
  let settle: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => { settle = resolve; });
  reaper.start((status) => {
    if (status.pid !== childPid) return; // an orphan: reaped, nothing more to do
    childPid = null;
    settle(shellExitCode(status));
  });
  if (!reaper.adoptsOrphans) say('neither PID 1 nor a child subreaper: orphaned processes will not be reaped');
  const unforward = forwardSignals(() => childPid);
  try {
    childPid = addon.spawn({
      file: found.file,
      argv: [...argv],
      envp: toEnvp(env),
      stdio: [0, 1, 2],
      setpgid: true,
      foreground: isatty(0),
      shellStyle: true,
    });
    registerChild(childPid); // holds the event loop open until it is reaped
    return await exited;
  } catch (err) {
    say(`couldn't fork ${argv0}: ${errnoCode(err) ?? 'UNKNOWN'}`);
    return 1;
  } finally {
    unforward();
    reaper.stop();
  }
}
