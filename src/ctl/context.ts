// What every ctl command works with: the server, the output, the exit status (LSB codes,
// spec §7.3), and supervisorctl's up-check. Also the text of errors that supervisorctl
// prints as `error: <class ...>, <value>` lines.

import { errnoCode, errorText } from '../common/errors';
import { HttpStatusError } from '../protocol/client';
import { API_VERSION, Faults, Methods, RpcFault, type MethodName } from '../protocol/protocol';
import { pyRepr } from '../python/builtins';
import type { XmlRpcValue } from '../protocol/xmlrpc';

export const Exit = {
  SUCCESS: 0,
  GENERIC: 1,
  INVALID_ARGS: 2,
  UNIMPLEMENTED_FEATURE: 3,
  INSUFFICIENT_PRIVILEGES: 4,
  NOT_INSTALLED: 5,
  NOT_RUNNING: 7,
  /** status: a process is not running */
  STATUS_NOT_RUNNING: 3,
  /** status: unknown name or no server */
  STATUS_UNKNOWN: 4,
} as const;

export interface Caller {
  call(method: MethodName, params?: readonly XmlRpcValue[]): Promise<XmlRpcValue>;
  /** GET a never-ending stream (/logtail, /mainlogtail) until signal aborts */
  stream?(path: string, onData: (chunk: Buffer) => void, signal: AbortSignal): Promise<void>;
}

/** Ctrl-C while a command streams: signal fires on it; done() stops listening (always call it). */
export interface Interrupt {
  readonly signal: AbortSignal;
  done(): void;
}

/** What some commands need beyond lines of output. */
export interface CtlExtras {
  /** bytes as they are (tail -f) */
  readonly raw?: (bytes: Uint8Array) => void;
  /** an AbortSignal that fires on Ctrl-C (SIGINT) or SIGTERM while a command streams */
  readonly interrupt?: () => Interrupt;
  /** the next line the user types (fg), or null at end of input */
  readonly readLine?: () => Promise<string | null>;
  /** a line on stderr (supervisorctl's HTTP listener reports stream errors there) */
  readonly err?: (line: string) => void;
}

export class CtlContext {
  exitstatus: number = Exit.SUCCESS;
  /** the shell is running: shutdown and reload ask first */
  interactive = false;
  /** asks a y/N question in the shell */
  ask: ((question: string) => Promise<string>) | null = null;

  constructor(
    public url: string,
    public server: Caller,
    private readonly write: (line: string) => void,
    readonly extras: CtlExtras = {},
  ) {}

  out(line: string): void {
    this.write(line);
  }

  call(method: MethodName, ...params: XmlRpcValue[]): Promise<XmlRpcValue> {
    return this.server.call(method, params);
  }

  /** Set the exit status from a per-process result code, as supervisorctl does. */
  statusFromFault(code: number, ignored?: number): void {
    if (code === Faults.SUCCESS || code === ignored) return;
    const dead = code === Faults.SPAWN_ERROR || code === Faults.ABNORMAL_TERMINATION || code === Faults.NOT_RUNNING;
    this.exitstatus = dead ? Exit.NOT_RUNNING : Exit.GENERIC;
  }

  /** Is a supervisor there, speaking API 3.0? Prints why not and sets the exit status. */
  async upcheck(): Promise<boolean> {
    let api: XmlRpcValue;
    try {
      api = await this.call(Methods.getVersion);
    } catch (err) {
      if (err instanceof RpcFault && err.code === Faults.UNKNOWN_METHOD) {
        this.out(
          'Sorry, supervisord responded but did not recognize the supervisor namespace commands that supervisorctl uses to control it.  Please check that the [rpcinterface:supervisor] section is enabled in the configuration file (see sample.conf).',
        );
        this.exitstatus = Exit.UNIMPLEMENTED_FEATURE;
        return false;
      }
      const code = errnoCode(err);
      if (code === 'ECONNREFUSED') {
        this.out(`${this.url} refused connection`);
        this.exitstatus = Exit.INSUFFICIENT_PRIVILEGES;
        return false;
      }
      if (code === 'ENOENT') {
        this.out(`${this.url} no such file`);
        this.exitstatus = Exit.NOT_RUNNING;
        return false;
      }
      this.exitstatus = Exit.GENERIC;
      throw err;
    }
    if (api !== API_VERSION) {
      this.out(`Sorry, this version of supervisorctl expects to talk to a server with API version ${API_VERSION}, but the remote version is ${String(api)}.`);
      this.exitstatus = Exit.NOT_INSTALLED;
      return false;
    }
    return true;
  }
}

/** A URL ctl cannot talk to (neither unix:// nor http://). */
export class UnknownProtocolError extends Error {
  constructor(url: string) {
    super(`Unknown protocol for serverurl ${url}`);
    this.name = 'UnknownProtocolError';
  }
}

/** A result code supervisorctl has no text for. */
export class UnknownResultError extends Error {
  constructor(code: number, name: string) {
    super(`Unknown result code ${code} for ${name}`);
    this.name = 'UnknownResultError';
  }
}

const OS_ERRORS: Readonly<Record<string, [cls: string, errno: number, text: string]>> = {
  ENOENT: ['FileNotFoundError', 2, 'No such file or directory'],
  ECONNREFUSED: ['ConnectionRefusedError', 111, 'Connection refused'],
  EACCES: ['PermissionError', 13, 'Permission denied'],
  ECONNRESET: ['ConnectionResetError', 104, 'Connection reset by peer'],
  EPIPE: ['BrokenPipeError', 32, 'Broken pipe'],
  ENOTSOCK: ['OSError', 88, 'Socket operation on non-socket'],
};

/** An error as Python would name it: its class, as `<class '...'>`, and its str() value. */
export function pyException(err: unknown): { readonly cls: string; readonly value: string } {
  if (err instanceof RpcFault) return { cls: "<class 'xmlrpc.client.Fault'>", value: `<Fault ${err.code}: ${pyRepr(err.text)}>` };
  if (err instanceof HttpStatusError) {
    return { cls: "<class 'xmlrpc.client.ProtocolError'>", value: `<ProtocolError for 127.0.0.1/RPC2: ${err.status} ${err.reason}>` };
  }
  if (err instanceof UnknownProtocolError || err instanceof UnknownResultError) return { cls: "<class 'ValueError'>", value: err.message };
  const code = errnoCode(err);
  const os = code === undefined ? undefined : OS_ERRORS[code];
  if (os !== undefined) return { cls: `<class '${os[0]}'>`, value: `[Errno ${os[1]}] ${os[2]}` };
  return { cls: "<class 'Exception'>", value: errorText(err) };
}

/**
 * The `error: <class '...'>, <value>` line supervisorctl prints for an unexpected error
 * (without its `: file: ... line: ...` tail, which names Python source lines).
 */
export function errorLine(err: unknown): string {
  const e = pyException(err);
  return `error: ${e.cls}, ${e.value}`;
}
