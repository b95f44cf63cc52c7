// An XML-RPC client for `unix:///path` and `http://host[:port]` server URLs, with Basic auth.
// One connection per call (no keep-alive needed). Faults reject with RpcFault, HTTP errors
// with HttpStatusError, socket errors with the Node error (code ENOENT, ECONNREFUSED, ...).

import * as http from 'node:http';
import { basicAuthHeader } from './auth';
import { RpcFault } from './protocol';
import { encodeCall, parseResponse, type XmlRpcValue } from './xmlrpc';

export type ServerAddress =
  | { readonly kind: 'unix'; readonly path: string }
  | { readonly kind: 'http'; readonly host: string; readonly port: number };

/** Parse a server URL; null when it is neither unix:// with a path nor http:// with a host. */
export function parseServerUrl(url: string): ServerAddress | null {
  if (url.startsWith('unix://')) {
    const path = url.slice('unix://'.length);
    return path === '' ? null : { kind: 'unix', path };
  }
  if (!url.startsWith('http://')) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.hostname === '') return null;
  const host = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  return { kind: 'http', host, port: u.port === '' ? 80 : Number(u.port) };
}

export class HttpStatusError extends Error {
  constructor(readonly status: number, readonly reason: string) {
    super(`${status} ${reason}`);
    this.name = 'HttpStatusError';
  }
}

export interface ClientOptions {
  readonly url: string;
  readonly username?: string | null;
  readonly password?: string | null;
  /** give up after this many ms (default: never; blocking calls can take long) */
  readonly timeoutMs?: number;
}

export class RpcClient {
  private readonly address: ServerAddress;

  constructor(private readonly opts: ClientOptions) {
    const address = parseServerUrl(opts.url);
    if (address === null) throw new Error(`value '${opts.url}' is not a URL`);
    this.address = address;
  }

  get url(): string {
    return this.opts.url;
  }

  /** Call a method; resolves with its value, rejects with RpcFault on a fault. */
  async call(method: string, params: readonly XmlRpcValue[] = []): Promise<XmlRpcValue> {
    const text = await this.post(encodeCall(method, params));
    const r = parseResponse(text);
    if (!r.ok) throw new RpcFault(r.fault.faultCode, r.fault.faultString);
    return r.value;
  }

  private where(headers: http.OutgoingHttpHeaders): http.RequestOptions {
    const all: http.OutgoingHttpHeaders = { 'User-Agent': 'tendctl', ...headers };
    if (this.opts.username != null) all.Authorization = basicAuthHeader(this.opts.username, this.opts.password ?? '');
    return this.address.kind === 'unix'
      ? { socketPath: this.address.path, headers: { ...all, Host: 'localhost' } }
      : { host: this.address.host, port: this.address.port, headers: all };
  }

  /**
   * GET a stream (/logtail/..., /mainlogtail) and pass its bytes on until the server ends it or
   * signal aborts (then it resolves). HTTP errors reject with HttpStatusError.
   */
  stream(path: string, onData: (chunk: Buffer) => void, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return resolve();
      const req = http.request({ ...this.where({}), method: 'GET', path, agent: false }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new HttpStatusError(res.statusCode ?? 0, res.statusMessage ?? ''));
          return;
        }
        res.on('data', onData);
        // the server ended the stream or went away: done, as supervisorctl's listener is
        res.on('end', () => resolve());
        res.on('error', () => resolve());
        res.on('close', () => resolve());
      });
      signal.addEventListener('abort', () => {
        req.destroy();
        resolve();
      }, { once: true });
      req.on('error', (err) => (signal.aborted ? resolve() : reject(err)));
      req.end();
    });
  }

  private post(body: string): Promise<string> {
    const payload = Buffer.from(body, 'utf8');
    const where = this.where({ 'Content-Type': 'text/xml', Accept: 'text/xml', 'Content-Length': payload.length });
    return new Promise((resolve, reject) => {
      const req = http.request({ ...where, method: 'POST', path: '/RPC2', agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new HttpStatusError(res.statusCode ?? 0, res.statusMessage ?? ''));
          else resolve(Buffer.concat(chunks).toString('utf8'));
        });
      });
      req.on('error', reject);
      if (this.opts.timeoutMs !== undefined) {
        req.setTimeout(this.opts.timeoutMs, () => req.destroy(new Error(`no answer from ${this.opts.url} within ${this.opts.timeoutMs} ms`)));
      }
      req.end(payload);
    });
  }
}
