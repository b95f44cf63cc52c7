// SUPERVISOR_SERVER_URL for children whose serverurl is AUTO: the unix socket if there is
// one, else the inet server with an empty host shown as localhost (supervisord's choice),
// else tend's default socket. startServers lists its URLs in exactly that order.

import type { RunningServers } from './server';

export function serverUrlFor(_config: unknown, servers: Pick<RunningServers, 'urls'>): string | null {
  return servers.urls[0] ?? null;
}
