// The HTTP tail streams of spec §6.7: GET /logtail/<namespec>[/stdout|/stderr] and
// /mainlogtail. The last 1024 bytes first, then whatever is appended, checked every 100 ms,
// for as long as the client stays; a replaced log (rotation, clear) is followed from its
// start, a shrunk one is announced with `==> File truncated <==`.

import * as fs from 'node:fs';
import type * as http from 'node:http';
import type { LogReader, ProcessGroups, ProcessLogAccess } from '../../core/port';
import { splitNamespec } from '../../protocol/protocol';

export const TAIL_HEAD_BYTES = 1024;
export const TAIL_POLL_MS = 100;
/** at most this much is read per tick, so a burst is sent in pieces rather than all in memory */
export const TAIL_CHUNK_BYTES = 1024 * 1024;

/** the reader a /logtail path names, or null (404), as supervisord's logtail_handler reads it */
export function logtailReader(port: ProcessGroups, logs: ProcessLogAccess, rawPath: string): LogReader | null {
  let path = rawPath.split('?')[0] ?? '';
  if (path.includes('%')) {
    try {
      path = decodeURIComponent(path);
    } catch {
      return null;
    }
  }
  path = path.replace(/^\/+/, '');
  if (!path.includes('/')) return null; // supervisord fails here; a 404 says as much
  const rest = path.slice(path.indexOf('/') + 1); // after 'logtail/'
  const slash = rest.indexOf('/');
  const namespec = slash < 0 ? rest : rest.slice(0, slash);
  const channel = slash < 0 ? 'stdout' : rest.slice(slash + 1);
  if (channel !== 'stdout' && channel !== 'stderr') return null;
  const [groupName, procName] = splitNamespec(namespec);
  if (procName === null) return null;
  const group = port.groups().find((g) => g.name === groupName);
  const proc = group?.processes.find((p) => p.config.name === procName);
  if (group === undefined || proc === undefined) return null;
  return logs.reader(group.name, proc.config.name, channel);
}

/** the open tail streams of a server, so that closing it ends them at once */
export class TailStreams {
  /** each stream, with what sends its last new bytes */
  private readonly open = new Map<http.ServerResponse, () => void>();
  private closed = false;

  add(res: http.ServerResponse, flush: () => void): void {
    this.open.set(res, flush);
    res.once('close', () => this.open.delete(res));
    if (this.closed) this.endAll(); // began while the server was closing
  }

  /** end every stream: what is new (the shutdown's own lines), the last chunk, the connection */
  endAll(): void {
    this.closed = true;
    for (const [res, flush] of [...this.open]) {
      this.open.delete(res);
      flush();
      const socket = res.socket;
      res.end(() => socket?.end());
    }
  }
}

/** the file's mtime for Last-Modified (now for a memory tail) */
function lastModified(reader: LogReader): string {
  if (reader.path !== '') {
    try {
      return fs.statSync(reader.path).mtime.toUTCString();
    } catch {
      // gone since: now will do
    }
  }
  return new Date().toUTCString();
}

/** supervisord's tail_f_producer: what to send next, or null when there is nothing new */
function follower(reader: LogReader, start: number): () => Uint8Array | string | null {
  let identity = reader.identity();
  let sent = start;
  return () => {
    const id = reader.identity();
    if (id !== identity) {
      identity = id;
      sent = 0;
    }
    const now = reader.size();
    if (now < sent) {
      sent = 0;
      return '==> File truncated <==\n';
    }
    if (now === sent) return null;
    const want = Math.min(now - sent, TAIL_CHUNK_BYTES);
    const bytes = reader.read(sent, want);
    // a memory tail that no longer holds the start gives the newest part: go on after it
    sent += want;
    return bytes.length > 0 ? bytes : null;
  };
}

/**
 * Answer with the stream (200) and return true, or return false when the log cannot be read
 * now (the caller answers 404, as supervisord does for a log file that is not there).
 */
export function streamTail(res: http.ServerResponse, reader: LogReader, extraHeaders: Readonly<Record<string, string>>, streams: TailStreams): boolean {
  let size: number;
  try {
    size = reader.size();
  } catch {
    return false;
  }
  res.statusCode = 200;
  res.setHeader('Last-Modified', lastModified(reader));
  res.setHeader('Content-Type', 'text/plain;charset=utf-8');
  for (const [k, v] of Object.entries(extraHeaders)) res.setHeader(k, v);
  res.flushHeaders();
  const next = follower(reader, size >= TAIL_HEAD_BYTES ? size - TAIL_HEAD_BYTES : 0);
  const pump = (): void => {
    if (res.writableNeedDrain || res.writableEnded) return; // a slow client: wait, do not pile up
    try {
      const out = next();
      if (out !== null) res.write(out);
    } catch {
      /* the log is gone for now (rotating): try again at the next tick */
    }
  };
  pump();
  const timer = setInterval(pump, TAIL_POLL_MS);
  res.once('close', () => clearInterval(timer));
  streams.add(res, pump);
  return true;
}
