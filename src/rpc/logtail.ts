// The HTTP tail streams of spec §6.7: GET /logtail/<namespec>[/stdout|/stderr] and
// /mainlogtail. The last 1024 bytes first, then whatever is appended, checked every 100 ms,
// for as long as the client stays; a replaced log (rotation, clear) is followed from its
// start, a shrunk one is announced with `==> File truncated <==`.

import type * as http from 'node:http';
import type { LogReader, SupervisorPort } from '../core/port';
import { splitNamespec } from './protocol';

export const TAIL_HEAD_BYTES = 1024;
export const TAIL_POLL_MS = 100;

/** the reader a /logtail path names, or null (404) */
export function logtailReader(port: SupervisorPort, rawPath: string): LogReader | null {
  let path = rawPath.split('?')[0] ?? '';
  if (path.includes('%')) {
    try {
      path = decodeURIComponent(path);
    } catch {
      return null;
    }
  }
  path = path.replace(/^\/+/, '');
  const rest = path.slice(path.indexOf('/') + 1); // after 'logtail/'
  if (!path.includes('/') || rest === '') return null;
  const slash = rest.indexOf('/');
  const namespec = slash < 0 ? rest : rest.slice(0, slash);
  const channel = slash < 0 ? 'stdout' : rest.slice(slash + 1);
  if (channel !== 'stdout' && channel !== 'stderr') return null;
  const [groupName, procName] = splitNamespec(namespec);
  const group = port.groups().find((g) => g.name === groupName);
  if (procName === null) return null;
  const proc = group?.processes.find((p) => p.config.name === procName);
  if (group === undefined || proc === undefined) return null;
  return port.processLog(group.name, proc.config.name, channel);
}

/** stream reader to res until the client goes away (or the server closes the connection) */
export function streamTail(res: http.ServerResponse, reader: LogReader, extraHeaders: Readonly<Record<string, string>>): void {
  let size: number;
  try {
    size = reader.size();
  } catch {
    res.destroy();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Last-Modified', new Date().toUTCString());
  res.setHeader('Content-Type', 'text/plain;charset=utf-8');
  for (const [k, v] of Object.entries(extraHeaders)) res.setHeader(k, v);
  let identity = reader.identity();
  let sent = size >= TAIL_HEAD_BYTES ? size - TAIL_HEAD_BYTES : 0;
  const pump = (): void => {
    try {
      const id = reader.identity();
      if (id !== identity) {
        identity = id;
        sent = 0;
      }
      const now = reader.size();
      if (now < sent) {
        sent = 0;
        res.write('==> File truncated <==\n');
        return;
      }
      if (now > sent) {
        const bytes = reader.read(sent, now - sent);
        sent += bytes.length;
        if (bytes.length > 0) res.write(bytes);
      }
    } catch {
      /* the log is gone for now (rotating): try again at the next tick */
    }
  };
  pump();
  const timer = setInterval(pump, TAIL_POLL_MS);
  res.on('close', () => clearInterval(timer));
}
