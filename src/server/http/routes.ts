// The HTTP side of the control servers: ONE routes table, Basic auth on every route when a
// username is set, `Server: Medusa/1.12`, medusa's HTML error pages, and XML-RPC on /RPC2
// (spec §6.1). Knows nothing about sockets; server.ts binds these handlers.

import type * as http from 'node:http';
import { errorStack } from '../../common/errors';
import type { LogReader } from '../../core/port';
import type { MainLog } from '../../logging/types';
import { logtailReader, streamTail, type TailStreams } from './logtail';
import { authorized, type Credentials } from '../../protocol/auth';
import type { Dispatcher } from '../methods/dispatcher';
import type { Served } from '../methods/served';
import { RpcFault } from '../../protocol/protocol';
import { encodeFault, encodeResponse, parseCall, XmlParseError } from '../../protocol/xmlrpc';

export interface RequestContext {
  /** the dispatcher of the attached supervisor, once there is one */
  dispatcher(): Promise<Dispatcher>;
  /** what is attached (the tail streams read its logs) */
  served(): Promise<Served>;
  readonly log: MainLog;
  /** the open tail streams, ended when the server closes */
  readonly tails: TailStreams;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, ctx: RequestContext) => void;

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

/**
 * Answer only once the request body is read: closing (401 sends Connection: close) while
 * the client is still writing makes it fail with EPIPE instead of reading our answer.
 */
function afterBody(req: http.IncomingMessage, answer: () => void): void {
  if (req.complete) return answer();
  req.once('end', answer);
  req.resume();
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

async function answerRpc(req: http.IncomingMessage, res: http.ServerResponse, ctx: RequestContext): Promise<void> {
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
  if (req.method !== 'POST') return afterBody(req, () => sendError(res, 400));
  answerRpc(req, res, ctx).catch((err: unknown) => {
    ctx.log.log('CRIT', `Handling XML-RPC request raised an unexpected exception: ${errorStack(err)}`);
    if (!res.headersSent) sendError(res, 500);
    else res.destroy();
  });
};

/** GET only; 404 when find() has no log; else the stream (spec §6.7) */
function tailRoute(find: (served: Served, path: string) => LogReader | null, headers: Readonly<Record<string, string>>): Handler {
  return (req, res, ctx) => {
    if (req.method !== 'GET') return afterBody(req, () => sendError(res, 400));
    ctx.served().then((served) => {
      const reader = find(served, req.url ?? '/');
      if (reader === null || !streamTail(res, reader, headers, ctx.tails)) afterBody(req, () => sendError(res, 404));
    }).catch((err: unknown) => {
      ctx.log.log('CRIT', `Handling a log tail request raised an unexpected exception: ${errorStack(err)}`);
      if (!res.headersSent) sendError(res, 500);
      else res.destroy();
    });
  };
}

/** Every route of the HTTP servers; later: the web UI. */
const ROUTES: readonly Route[] = [
  { matches: (path) => path.startsWith('/RPC2'), handle: rpc },
  { matches: (path) => path.startsWith('/logtail'), handle: tailRoute((s, path) => logtailReader(s.supervisor, s.processLogs, path), { 'X-Accel-Buffering': 'no' }) },
  { matches: (path) => path.startsWith('/mainlogtail'), handle: tailRoute((s) => s.mainLog.reader(), {}) },
];

export function requestHandler(ctx: RequestContext, creds: Credentials | null): http.RequestListener {
  return (req, res) => {
    res.setHeader('Server', 'Medusa/1.12');
    if (creds !== null && !authorized(req.headers.authorization, creds)) {
      res.setHeader('Connection', 'close');
      res.setHeader('WWW-Authenticate', 'Basic realm="default"');
      return afterBody(req, () => sendError(res, 401));
    }
    const route = ROUTES.find((r) => r.matches(req.url ?? '/'));
    if (route === undefined) {
      return afterBody(req, () => sendError(res, 404));
    }
    route.handle(req, res, ctx);
  };
}
