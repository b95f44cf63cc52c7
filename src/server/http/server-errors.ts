// The start-up errors of the HTTP servers, with supervisord's text (spec §4.6). The caller
// prints `Error: <message>` and exits 2.

import * as os from 'node:os';

export class HttpServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HttpServerError';
  }
}

export function inUseError(): HttpServerError {
  return new HttpServerError(
    'Another program is already listening on a port that one of our HTTP servers is configured to use.  Shut this program down first before starting supervisord.',
  );
}

export function bindError(code: string): HttpServerError {
  const errnos = os.constants.errno as Readonly<Record<string, number>>;
  const n = errnos[code];
  return new HttpServerError(`Cannot open an HTTP server: socket.error reported errno.${code} (${n ?? '?'})`);
}
