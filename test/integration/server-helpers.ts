// Helpers for tests that run the real HTTP server: temp dirs, a collecting main log,
// raw HTTP requests over a unix socket or TCP, and running a program with a deadline.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { InetHttpServerConfig, UnixHttpServerConfig } from '../../src/config/types';
import type { Level, MainLog } from '../../src/logging/types';
import { startServers, type RunningServers } from '../../src/server/http/server';
import type { Served } from '../../src/server/methods/served';

export class MemoryLog implements MainLog {
  readonly lines: string[] = [];
  log(level: Level, text: string): void {
    this.lines.push(`${level} ${text}`);
  }
}

export function tempDir(prefix = 'tend-rpc-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function unixConfig(file: string, extra: Partial<UnixHttpServerConfig> = {}): UnixHttpServerConfig {
  return { file, chmod: 0o700, chown: null, username: null, password: null, where: { file: '/test.conf', line: 1 }, ...extra };
}

export function inetConfig(port: number, extra: Partial<InetHttpServerConfig> = {}): InetHttpServerConfig {
  return { host: '127.0.0.1', port, username: null, password: null, where: { file: '/test.conf', line: 1 }, ...extra };
}

/** real servers on these sections (null: not configured), serving `served` at once */
export async function startServing(
  unix: UnixHttpServerConfig | null, inet: InetHttpServerConfig | null, served: Served, log: MainLog = new MemoryLog(),
): Promise<RunningServers> {
  const servers = await startServers({ unix_http_server: unix, inet_http_server: inet }, log);
  servers.attach(served);
  return servers;
}

export interface RawResponse {
  readonly status: number;
  readonly statusMessage: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export function request(
  where: { socketPath: string } | { host: string; port: number },
  opts: { method?: string; path?: string; body?: string; headers?: http.OutgoingHttpHeaders; agent?: http.Agent | false },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { ...where, method: opts.method ?? 'POST', path: opts.path ?? '/RPC2', headers: opts.headers ?? {}, agent: opts.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? '', headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/** Run a program asynchronously (the server under test lives in this process), killed after timeoutMs. */
export function run(cmd: string, args: readonly string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status });
    });
  });
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = http.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
