// Loading the native addon (native/*.c, built as tend.node: reaping, fork/exec, pipes, line prefixing) and its typed surface.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** A raw wait status as waitpid() returned it (decode with decodeWaitStatus). */
export interface RawWait {
  readonly pid: number;
  readonly status: number;
}

export interface NativeUser {
  readonly uid: number;
  readonly gid: number;
  /** supplementary groups for setgroups(); include gid */
  readonly groups: readonly number[];
}

export interface NativeSpawnOptions {
  /** path handed to execve (not searched) */
  readonly file: string;
  readonly argv: readonly string[];
  /** 'KEY=value' strings */
  readonly envp: readonly string[];
  /** fds for the child's 0, 1, 2 (-1: /dev/null) */
  readonly stdio: readonly [number, number, number];
  /** own process group (default true) */
  readonly setpgid?: boolean;
  /** make the child's group the foreground group of the tty on its stdin (default false) */
  readonly foreground?: boolean;
  /** drop privileges: setgroups, setgid, setuid (skipped when already that uid) */
  readonly user?: NativeUser | null;
  readonly cwd?: string | null;
  /** -1 or absent: inherit */
  readonly umask?: number;
  /** failures print `tend: ...` and exit 126/127 like a shell, instead of supervisord's text + 127 */
  readonly shellStyle?: boolean;
}

export interface NativeAddon {
  /** pipe2(O_CLOEXEC): [read end, write end]; throws an Error with .code (EMFILE, ENFILE) */
  pipe(): [number, number];
  /** fork + exec; returns the pid; throws an Error with .code (EAGAIN, ENOMEM) if fork fails */
  spawn(opts: NativeSpawnOptions): number;
  /** reap every zombie child whose pid is not excluded and not a live libuv child (uv_walk) */
  reapOrphans(excluded: Int32Array | readonly number[], useUvWalk: boolean): RawWait[];
  /** prctl(PR_SET_CHILD_SUBREAPER, 1) */
  setChildSubreaper(): boolean;
  /** pids of the active process handles on the main libuv loop */
  libuvChildPids(): number[];
  /** data[start, end) with prefix in front of every line, as a new Buffer (the console's hot path);
   * head: the held start of the first line (prefix + head + data's first line) */
  prefixLines(data: Uint8Array, start: number, end: number, prefix: Uint8Array, head?: Uint8Array): Buffer;
  /** F_SETPIPE_SZ on a pipe fd; the capacity now, or -1 when fd is not a pipe (never throws) */
  growPipe(fd: number, bytes: number): number;
}

const NAME = 'tend.node';

/** Where the addon may be: next to the bundle (dist/), or the node-gyp output seen from src/runtime or dist. */
export function addonCandidates(dir: string = __dirname): string[] {
  return [
    path.join(dir, NAME),
    path.join(dir, '../../build/Release', NAME),
    path.join(dir, '../build/Release', NAME),
  ];
}

let cached: NativeAddon | null = null;

/** Load the addon once; throws a clear Error when it is missing. */
export function loadAddon(): NativeAddon {
  if (cached) return cached;
  const override = process.env.TEND_ADDON;
  const candidates = override ? [override] : addonCandidates();
  const file = candidates.find((p) => fs.existsSync(p));
  if (file === undefined) {
    throw new Error(`tend: native addon ${NAME} not found; run npm run build (looked in ${candidates.join(', ')})`);
  }
  const mod: { exports: NativeAddon | Record<string, never> } = { exports: {} };
  process.dlopen(mod, file);
  cached = mod.exports as NativeAddon;
  return cached;
}
