// Real pipes for a child's stdin, stdout and stderr (not Node's socketpairs: a child that
// opens /dev/stdout by path must work). The child's ends are plain fds handed to fork and
// closed in the parent right after; the parent's ends become net.Sockets.

import * as fs from 'node:fs';
import { Socket } from 'node:net';
import type { NativeAddon } from './addon';

export interface ChildPipes {
  /** [read end (child), write end (parent)] */
  readonly stdin: readonly [number, number];
  /** [read end (parent), write end (child)] */
  readonly stdout: readonly [number, number];
  /** null with redirect_stderr: the child's fd 2 is the stdout pipe */
  readonly stderr: readonly [number, number] | null;
}

export function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    /* already closed */
  }
}

/** Make the pipes; on failure close what was made and rethrow (the Error carries .code). */
export function makePipes(addon: NativeAddon, redirectStderr: boolean): ChildPipes {
  const made: Array<[number, number]> = [];
  try {
    const stdin = addon.pipe();
    made.push(stdin);
    const stdout = addon.pipe();
    made.push(stdout);
    const stderr = redirectStderr ? null : addon.pipe();
    return { stdin, stdout, stderr };
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
  return [p.stdin[0], p.stdout[1], (p.stderr ?? p.stdout)[1]];
}

export function closeChildEnds(p: ChildPipes): void {
  closeQuietly(p.stdin[0]);
  closeQuietly(p.stdout[1]);
  if (p.stderr) closeQuietly(p.stderr[1]);
}

export function closeParentEnds(p: ChildPipes): void {
  closeQuietly(p.stdin[1]);
  closeQuietly(p.stdout[0]);
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
