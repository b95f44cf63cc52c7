// Real pipes for a child's stdin, stdout and stderr (not Node's socketpairs: a child that
// opens /dev/stdout by path must work). The child's ends are plain fds handed to fork and
// closed in the parent right after; the parent's ends become net.Sockets. An output stream
// may instead get an fd of tend's directly (a log file nothing needs to process).

import * as fs from 'node:fs';
import { Socket } from 'node:net';
import type { NativeAddon } from '../addon';

export type Pipe = readonly [number, number];

export interface ChildPipes {
  /** [read end (child), write end (parent)] */
  readonly stdin: Pipe;
  /** [read end (parent), write end (child)]; null when the child gets stdoutFd */
  readonly stdout: Pipe | null;
  /** null with redirect_stderr (fd 2 is then fd 1) or when the child gets stderrFd */
  readonly stderr: Pipe | null;
  /** fds of tend's given to the child as they are (never closed here) */
  readonly stdoutFd: number | null;
  readonly stderrFd: number | null;
  readonly redirectStderr: boolean;
}

export interface PipePlan {
  readonly redirectStderr: boolean;
  readonly stdoutFd: number | null;
  readonly stderrFd: number | null;
}

export function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    /* already closed */
  }
}

/** Make the pipes; on failure close what was made and rethrow (the Error carries .code). */
export function makePipes(addon: NativeAddon, plan: PipePlan): ChildPipes {
  const made: Array<[number, number]> = [];
  const pipe = (): Pipe => {
    const p = addon.pipe();
    made.push(p);
    return p;
  };
  try {
    const stdin = pipe();
    const stdout = plan.stdoutFd === null ? pipe() : null;
    const stderr = plan.redirectStderr || plan.stderrFd !== null ? null : pipe();
    return { stdin, stdout, stderr, stdoutFd: plan.stdoutFd, stderrFd: plan.stderrFd, redirectStderr: plan.redirectStderr };
  } catch (err) {
    for (const [r, w] of made) {
      closeQuietly(r);
      closeQuietly(w);
    }
    throw err;
  }
}

/** The fds the child gets as 0, 1, 2. */
export function childStdio(p: ChildPipes): [number, number, number] {
  const out = p.stdout ? p.stdout[1] : (p.stdoutFd as number);
  const err = p.redirectStderr ? out : p.stderr ? p.stderr[1] : (p.stderrFd as number);
  return [p.stdin[0], out, err];
}

export function closeChildEnds(p: ChildPipes): void {
  closeQuietly(p.stdin[0]);
  if (p.stdout) closeQuietly(p.stdout[1]);
  if (p.stderr) closeQuietly(p.stderr[1]);
}

export function closeParentEnds(p: ChildPipes): void {
  closeQuietly(p.stdin[1]);
  if (p.stdout) closeQuietly(p.stdout[0]);
  if (p.stderr) closeQuietly(p.stderr[0]);
}

/** Errors on these sockets (EPIPE on stdin after the child closed it, ...) are not fatal to tend:
 * a no-op listener keeps them from becoming uncaught exceptions; users add their own. */
function ignoreErrors(s: Socket): Socket {
  s.on('error', () => undefined);
  return s;
}

export function readEnd(fd: number): Socket {
  return ignoreErrors(new Socket({ fd, readable: true, writable: false }));
}

export function writeEnd(fd: number): Socket {
  return ignoreErrors(new Socket({ fd, readable: false, writable: true }));
}
