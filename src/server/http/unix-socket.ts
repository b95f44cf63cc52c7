// Binding the [unix_http_server] socket the way supervisord does (spec §2.5): listen on
// `<file>.<pid>`, chmod, hard-link to `<file>`, unlink the temporary name, then chown.
// An existing `<file>` that accepts connections is in use; one that refuses is stale and is
// unlinked (with a note on stderr) before trying again.

import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Server } from 'node:http';
import { errnoCode } from '../../common/errors';
import { bindError, inUseError } from './server-errors';

export interface UnixSocketSpec {
  readonly file: string;
  readonly chmod: number;
  readonly chown: { readonly uid: number; readonly gid: number } | null;
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(path, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function unlinkQuietly(path: string): void {
  try {
    fs.unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Whether something accepts connections on the socket file. */
export function socketInUse(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(path);
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

const MAX_STALE_RETRIES = 5;

/** libuv reports a missing directory as EACCES when binding a pipe; the kernel says ENOENT. */
function bindErrno(err: unknown, file: string): string {
  const code = errnoCode(err) ?? 'EIO';
  return code === 'EACCES' && !fs.existsSync(path.dirname(file)) ? 'ENOENT' : code;
}

/** Bind and publish the socket; returns its inode (to recognise our file at close). */
export async function listenUnix(server: Server, spec: UnixSocketSpec, stderr: (text: string) => void): Promise<number> {
  const tmp = `${spec.file}.${process.pid}`;
  unlinkQuietly(tmp);
  for (let attempt = 0; ; attempt++) {
    try {
      await listen(server, tmp);
    } catch (err) {
      throw errnoCode(err) === 'EADDRINUSE' ? inUseError() : bindError(bindErrno(err, tmp));
    }
    try {
      fs.chmodSync(tmp, spec.chmod);
      try {
        fs.linkSync(tmp, spec.file);
      } catch (err) {
        if (errnoCode(err) !== 'EEXIST') throw bindError(errnoCode(err) ?? 'EIO');
        if (await socketInUse(spec.file)) throw inUseError();
        if (attempt >= MAX_STALE_RETRIES) throw inUseError();
        stderr(`Unlinking stale socket ${spec.file}\n`);
        unlinkQuietly(spec.file);
        await closeServer(server);
        continue;
      }
      if (spec.chown !== null) chown(spec.file, spec.chown);
      return fs.statSync(spec.file).ino;
    } catch (err) {
      if (server.listening) await closeServer(server);
      throw err;
    } finally {
      unlinkQuietly(tmp);
    }
  }
}

function chown(file: string, owner: { uid: number; gid: number }): void {
  try {
    fs.chownSync(file, owner.uid, owner.gid);
  } catch (err) {
    unlinkQuietly(file);
    if (errnoCode(err) === 'EPERM') {
      throw new Error(
        `Not permitted to chown ${file} to uid/gid ${owner.uid}/${owner.gid}; adjust "chown" in [unix_http_server] to values that the current user (uid ${process.getuid?.() ?? '?'}) can chown to`,
      );
    }
    throw err;
  }
}

/** Remove the socket file at close, unless another server has replaced it since. */
export function unlinkIfOurs(file: string, ino: number): void {
  try {
    if (fs.statSync(file).ino === ino) fs.unlinkSync(file);
  } catch {
    // gone already
  }
}
