// The control servers: [unix_http_server], [inet_http_server], or tend's default socket when
// the config names neither. Every server serves the same routes (routes.ts) for the
// supervisor attached to it.

import * as http from 'node:http';
import { errnoCode } from '../../common/errors';
import type { InetHttpServerConfig, UnixHttpServerConfig } from '../../config/types';
import type { MainLog } from '../../logging/types';
import type { Credentials } from '../../protocol/auth';
import { createDispatcher, type Dispatcher } from '../methods/dispatcher';
import { servedMethods, type Served } from '../methods/served';
import { DEFAULT_SOCKET_MODE, defaultSocketPath } from '../../protocol/protocol';
import { TailStreams } from './logtail';
import { requestHandler, type RequestContext } from './routes';
import { bindError, inUseError } from './server-errors';
import { listenUnix, unlinkIfOurs } from './unix-socket';

export { errorPage } from './routes';
export { HttpServerError } from './server-errors';

const CLOSE_GRACE_MS = 2000;

/** The server sections, as a whole Config names them. */
export interface ConfigServers {
  readonly unix_http_server: UnixHttpServerConfig | null;
  readonly inet_http_server: InetHttpServerConfig | null;
}

export interface RunningServers {
  /**
   * the URLs served, unix socket first, e.g. unix:///run/tend.sock, http://localhost:9001;
   * urls[0] is what children get as SUPERVISOR_SERVER_URL
   */
  readonly urls: readonly string[];
  /** serve this supervisor and its logs (again, after a reload); requests that came earlier wait for it */
  attach(served: Served): void;
  /** stop listening, end connections, remove the socket file */
  close(): Promise<void>;
}

function credentialsOf(cfg: { username: string | null; password: string | null }): Credentials | null {
  return cfg.username === null ? null : { username: cfg.username, password: cfg.password ?? '' };
}

function listenTcp(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: unknown): void => {
      const code = errnoCode(err) ?? 'EIO';
      reject(code === 'EADDRINUSE' ? inUseError() : bindError(code));
    };
    server.once('error', onError);
    server.listen({ host: host === '' ? '0.0.0.0' : host, port }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeGracefully(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function makeServer(ctx: RequestContext, creds: Credentials | null): http.Server {
  const server = http.createServer(requestHandler(ctx, creds));
  server.keepAliveTimeout = 30_000;
  // a client that sends its request slowly (or never finishes it) is cut off; answers that
  // wait (startProcess with wait=true, the tail streams) are not limited
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return server;
}

/** Hands out what is attached, and its dispatcher; callers before attach() wait. */
class Attachment {
  private current: { served: Served; dispatcher: Dispatcher } | null = null;
  private waiting: ((c: { served: Served; dispatcher: Dispatcher }) => void)[] = [];

  attach(served: Served): void {
    const c = { served, dispatcher: createDispatcher(servedMethods(served)) };
    this.current = c;
    for (const w of this.waiting.splice(0)) w(c);
  }

  private next(): Promise<{ served: Served; dispatcher: Dispatcher }> {
    if (this.current !== null) return Promise.resolve(this.current);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  dispatcher(): Promise<Dispatcher> {
    return this.next().then((c) => c.dispatcher);
  }

  served(): Promise<Served> {
    return this.next().then((c) => c.served);
  }
}

/**
 * Open the configured servers (the default socket when none is configured), all serving
 * the same handlers; they answer once attach() is called (the supervisor needs the server
 * URL before it exists). Rejects with HttpServerError when a socket or port is taken.
 */
export async function startServers(cfgs: ConfigServers, log: MainLog): Promise<RunningServers> {
  const attachment = new Attachment();
  const tails = new TailStreams();
  const ctx: RequestContext = { dispatcher: () => attachment.dispatcher(), served: () => attachment.served(), log, tails };
  const opened: { server: http.Server; cleanup: () => void }[] = [];
  const urls: string[] = [];
  const closeAll = async (): Promise<void> => {
    tails.endAll(); // the never-ending tail streams would hold close() for the whole grace time
    await Promise.all(opened.map((o) => closeGracefully(o.server)));
    for (const o of opened) o.cleanup();
  };
  const stderr = (text: string): void => void process.stderr.write(text);
  try {
    const unix = cfgs.unix_http_server
      ?? (cfgs.inet_http_server === null ? { file: defaultSocketPath(), chmod: DEFAULT_SOCKET_MODE, chown: null, username: null, password: null } : null);
    if (unix !== null) {
      const server = makeServer(ctx, credentialsOf(unix));
      const ino = await listenUnix(server, unix, stderr);
      opened.push({ server, cleanup: () => unlinkIfOurs(unix.file, ino) });
      urls.push(`unix://${unix.file}`);
      log.log('INFO', "RPC interface 'supervisor' initialized");
      if (cfgs.unix_http_server === null) log.log('INFO', `no HTTP server configured: serving unix://${unix.file} (mode ${unix.chmod.toString(8)})`);
      else if (unix.username === null) log.log('CRIT', "Server 'unix_http_server' running without any HTTP authentication checking");
    }
    if (cfgs.inet_http_server !== null) {
      const inet = cfgs.inet_http_server;
      const server = makeServer(ctx, credentialsOf(inet));
      await listenTcp(server, inet.host, inet.port);
      opened.push({ server, cleanup: () => undefined });
      const bound = server.address();
      const portNo = typeof bound === 'object' && bound !== null ? bound.port : inet.port;
      urls.push(`http://${inet.host === '' ? 'localhost' : inet.host}:${portNo}`);
      log.log('INFO', "RPC interface 'supervisor' initialized");
      if (inet.username === null) log.log('CRIT', "Server 'inet_http_server' running without any HTTP authentication checking");
    }
  } catch (err) {
    await closeAll();
    throw err;
  }
  let closing: Promise<void> | null = null;
  return {
    urls,
    attach: (p) => attachment.attach(p),
    close: () => (closing ??= closeAll()),
  };
}
