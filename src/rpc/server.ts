// The HTTP servers ([unix_http_server], [inet_http_server], or tend's default socket): one
// routes table, Basic auth on every route when a username is set, `Server: Medusa/1.12`,
// medusa's HTML error pages, and XML-RPC on /RPC2 (spec §6.1).

import * as http from 'node:http';
import type { InetHttpServerConfig, UnixHttpServerConfig } from '../config/types';
import type { SupervisorPort } from '../core/port';
import type { MainLog } from '../logging/types';
import { authorized, type Credentials } from './auth';
import { createDispatcher, type Dispatcher } from './handlers';
import { DEFAULT_SOCKET_MODE, defaultSocketPath, RpcFault } from './protocol';
import { bindError, inUseError } from './server-errors';
import { listenUnix, unlinkIfOurs } from './unix-socket';
import { encodeFault, encodeResponse, parseCall, XmlParseError } from './xmlrpc';

export { HttpServerError } from './server-errors';

export interface ServerConfigs {
  readonly unix: UnixHttpServerConfig | null;
  readonly inet: InetHttpServerConfig | null;
}

/** The same two sections as a whole Config names them. */
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
  /** serve this supervisor (again, after a reload); requests that came earlier wait for it */
  attach(port: SupervisorPort): void;
  /** stop listening, end connections, remove the socket file */
  close(): Promise<void>;
}

interface Ctx {
  /** the dispatcher of the attached supervisor, once there is one */
  dispatcher(): Promise<Dispatcher>;
  readonly log: MainLog;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, ctx: Ctx) => void;

interface Route {
  readonly matches: (path: string) => boolean;
  readonly handle: Handler;
}

const MESSAGES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  413: 'Request Entity Too Large',
  500: 'Internal Server Error',
};

const MAX_BODY = 16 * 1024 * 1024;
const CLOSE_GRACE_MS = 2000;

/** medusa's error page, CRLF line ends. */
export function errorPage(code: number): string {
  const message = MESSAGES[code] ?? 'Error';
  return [
    '<head>', '<title>Error response</title>', '</head>', '<body>', '<h1>Error response</h1>',
    `<p>Error code ${code}.`, `<p>Message: ${message}.`, '</body>', '',
  ].join('\r\n');
}

function sendError(res: http.ServerResponse, code: number): void {
  const body = Buffer.from(errorPage(code), 'utf8');
  res.statusCode = code;
  res.statusMessage = MESSAGES[code] ?? 'Error';
  res.setHeader('Content-Length', body.length);
  res.setHeader('Content-Type', 'text/html');
  res.end(body);
}

function sendXml(res: http.ServerResponse, text: string): void {
  const body = Buffer.from(text, 'utf8');
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/xml');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function answerRpc(req: http.IncomingMessage, res: http.ServerResponse, ctx: Ctx): Promise<void> {
  const data = await readBody(req);
  if (data === null) return sendError(res, 413);
  let call;
  try {
    call = parseCall(data);
  } catch (err) {
    if (!(err instanceof XmlParseError)) throw err;
    const why = err.message === 'no method name' ? 'no method name' : 'unmarshallable';
    ctx.log.log('ERRO', `XML-RPC request data ${JSON.stringify(data)} is invalid: ${why}`);
    return sendError(res, 400);
  }
  // a blocking call stops waiting when its client goes away
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  ctx.log.log('TRAC', `XML-RPC method called: ${call.methodName}()`);
  try {
    const dispatcher = await ctx.dispatcher();
    const value = await dispatcher.call(call.methodName, call.params, { signal: abort.signal });
    ctx.log.log('TRAC', `XML-RPC method ${call.methodName}() returned successfully`);
    if (!abort.signal.aborted) sendXml(res, encodeResponse(value));
  } catch (err) {
    if (abort.signal.aborted) return;
    if (!(err instanceof RpcFault)) throw err;
    ctx.log.log('TRAC', `XML-RPC method ${call.methodName}() returned fault: [${err.code}] ${err.text}`);
    sendXml(res, encodeFault(err.code, err.text));
  }
}

const rpc: Handler = (req, res, ctx) => {
  if (req.method !== 'POST') return sendError(res, 400);
  answerRpc(req, res, ctx).catch((err: unknown) => {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    ctx.log.log('CRIT', `Handling XML-RPC request raised an unexpected exception: ${detail}`);
    if (!res.headersSent) sendError(res, 500);
    else res.destroy();
  });
};

/** Every route of the HTTP servers; later: /logtail, /mainlogtail, the web UI. */
const ROUTES: readonly Route[] = [{ matches: (path) => path.startsWith('/RPC2'), handle: rpc }];

function requestHandler(ctx: Ctx, creds: Credentials | null): http.RequestListener {
  return (req, res) => {
    res.setHeader('Server', 'Medusa/1.12');
    if (creds !== null && !authorized(req.headers.authorization, creds)) {
      res.setHeader('Connection', 'close');
      res.setHeader('WWW-Authenticate', 'Basic realm="default"');
      req.resume();
      return sendError(res, 401);
    }
    const route = ROUTES.find((r) => r.matches(req.url ?? '/'));
    if (route === undefined) {
      req.resume();
      return sendError(res, 404);
    }
    route.handle(req, res, ctx);
  };
}

function credentialsOf(cfg: { username: string | null; password: string | null }): Credentials | null {
  return cfg.username === null ? null : { username: cfg.username, password: cfg.password ?? '' };
}

function listenTcp(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      const code = err.code ?? 'EIO';
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

function makeServer(ctx: Ctx, creds: Credentials | null): http.Server {
  const server = http.createServer(requestHandler(ctx, creds));
  server.keepAliveTimeout = 30_000;
  return server;
}

/** Hands out the dispatcher of the attached supervisor; callers before attach() wait. */
class Attachment {
  private current: Dispatcher | null = null;
  private waiting: ((d: Dispatcher) => void)[] = [];

  attach(port: SupervisorPort): void {
    const d = createDispatcher(port);
    this.current = d;
    for (const w of this.waiting.splice(0)) w(d);
  }

  get(): Promise<Dispatcher> {
    if (this.current !== null) return Promise.resolve(this.current);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

function isPort(x: SupervisorPort | MainLog): x is SupervisorPort {
  return typeof (x as SupervisorPort).groups === 'function';
}

function normalise(cfgs: ServerConfigs | ConfigServers): ServerConfigs {
  return 'unix' in cfgs ? cfgs : { unix: cfgs.unix_http_server, inet: cfgs.inet_http_server };
}

/**
 * Open the configured servers (the default socket when none is configured), all serving
 * the same handlers. With a port they serve it at once; without, call attach(port) (the
 * supervisor needs the server URL before it exists). Rejects with HttpServerError when a
 * socket or port is taken.
 */
export function startServers(cfgs: ServerConfigs | ConfigServers, port: SupervisorPort, log: MainLog): Promise<RunningServers>;
export function startServers(cfgs: ServerConfigs | ConfigServers, log: MainLog): Promise<RunningServers>;
export async function startServers(
  cfgsIn: ServerConfigs | ConfigServers,
  portOrLog: SupervisorPort | MainLog,
  maybeLog?: MainLog,
): Promise<RunningServers> {
  const cfgs = normalise(cfgsIn);
  const attachment = new Attachment();
  let log: MainLog;
  if (isPort(portOrLog)) {
    attachment.attach(portOrLog);
    if (maybeLog === undefined) throw new TypeError('startServers: a main log is required');
    log = maybeLog;
  } else {
    log = portOrLog;
  }
  const ctx: Ctx = { dispatcher: () => attachment.get(), log };
  const opened: { server: http.Server; cleanup: () => void }[] = [];
  const urls: string[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.all(opened.map((o) => closeGracefully(o.server)));
    for (const o of opened) o.cleanup();
  };
  const stderr = (text: string): void => void process.stderr.write(text);
  try {
    const unix = cfgs.unix ?? (cfgs.inet === null ? { file: defaultSocketPath(), chmod: DEFAULT_SOCKET_MODE, chown: null, username: null, password: null } : null);
    if (unix !== null) {
      const server = makeServer(ctx, credentialsOf(unix));
      const ino = await listenUnix(server, unix, stderr);
      opened.push({ server, cleanup: () => unlinkIfOurs(unix.file, ino) });
      urls.push(`unix://${unix.file}`);
      log.log('INFO', "RPC interface 'supervisor' initialized");
      if (cfgs.unix === null) log.log('INFO', `no HTTP server configured: serving unix://${unix.file} (mode ${unix.chmod.toString(8)})`);
      else if (unix.username === null) log.log('CRIT', "Server 'unix_http_server' running without any HTTP authentication checking");
    }
    if (cfgs.inet !== null) {
      const inet = cfgs.inet;
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
