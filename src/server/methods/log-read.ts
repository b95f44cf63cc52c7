// supervisord's readFile and tailFile (spec §6.6) over a LogReader: a log file or a memory tail.

import { errnoCode } from '../../common/errors';
import type { LogReader } from '../../core/port';
import { RpcFault } from '../../protocol/protocol';

const decoder = new TextDecoder('utf-8');

/** bytes as the string XML-RPC carries (invalid UTF-8 becomes U+FFFD rather than failing) */
export function asString(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** the log's file is not there (removed from outside, or not yet made) */
export function isMissing(err: unknown): boolean {
  return errnoCode(err) === 'ENOENT';
}

/**
 * offset >= 0, length = 0: from offset to the end; length > 0: length bytes at offset;
 * offset < 0, length = 0: the last |offset| bytes; anything else: BAD_ARGUMENTS.
 * A log file that is not there: NO_FILE with its path (supervisord's os.path.exists check);
 * any other read error: FAILED.
 */
export function readLogBytes(reader: LogReader, offset: number, length: number): Uint8Array {
  try {
    reader.size();
  } catch (err) {
    if (isMissing(err)) throw RpcFault.of('NO_FILE', reader.path === '' ? undefined : reader.path);
  }
  if (offset < 0 && length !== 0) throw RpcFault.of('BAD_ARGUMENTS');
  if (offset >= 0 && length < 0) throw RpcFault.of('BAD_ARGUMENTS');
  try {
    if (offset < 0) {
      const size = reader.size();
      const from = Math.max(0, size - -offset);
      return reader.read(from, -offset);
    }
    return reader.read(offset, length === 0 ? Number.MAX_SAFE_INTEGER : length);
  } catch {
    throw RpcFault.of('FAILED');
  }
}

/**
 * [bytes, size, overflow]: with overflow the caller missed bytes and starts again from size.
 * A log file that is not there gives ['', 0, false]; another read error ['', offset, false].
 */
export function tailLog(reader: LogReader, offset: number, length: number): [string, number, boolean] {
  let size: number;
  try {
    size = reader.size();
  } catch (err) {
    return ['', isMissing(err) ? 0 : offset, false];
  }
  let off = offset;
  let len = length;
  let overflow = false;
  if (size > off + len) {
    overflow = true;
    off = size - 1;
  }
  if (off + len > size) {
    if (off > size - 1) len = 0;
    off = size - len;
  }
  if (off < 0) off = 0;
  if (len < 0) len = 0;
  try {
    return [len === 0 ? '' : asString(reader.read(off, len)), size, overflow];
  } catch {
    return ['', offset, false];
  }
}
