// The control protocol, shared by the server (handlers) and the client (ctl): method names,
// fault codes and texts, the wire structs, name syntax, versions and the default socket.

import * as fs from 'node:fs';
import type { ProcessInfo } from '../core/port';
import { isXmlRpcStruct, type XmlRpcStruct, type XmlRpcValue } from './xmlrpc';

export type { ProcessInfo } from '../core/port';

export const API_VERSION = '3.0';
export const SUPERVISOR_VERSION = '4.2.5';

/** Fault codes of supervisord (spec §6.2). SUCCESS only appears in result structs. */
export const Faults = {
  UNKNOWN_METHOD: 1,
  INCORRECT_PARAMETERS: 2,
  BAD_ARGUMENTS: 3,
  SIGNATURE_UNSUPPORTED: 4,
  SHUTDOWN_STATE: 6,
  BAD_NAME: 10,
  BAD_SIGNAL: 11,
  NO_FILE: 20,
  NOT_EXECUTABLE: 21,
  FAILED: 30,
  ABNORMAL_TERMINATION: 40,
  SPAWN_ERROR: 50,
  ALREADY_STARTED: 60,
  NOT_RUNNING: 70,
  SUCCESS: 80,
  ALREADY_ADDED: 90,
  STILL_RUNNING: 91,
  CANT_REREAD: 92,
} as const;

export type FaultName = keyof typeof Faults;

/** The name of a fault code, 'UNKNOWN' for codes supervisord does not define. */
export function faultName(code: number): FaultName | 'UNKNOWN' {
  const hit = (Object.keys(Faults) as FaultName[]).find((k) => Faults[k] === code);
  return hit ?? 'UNKNOWN';
}

/** A fault raised by a method (server) or received from the server (client). */
export class RpcFault extends Error {
  /** the faultString: `NAME` or `NAME: detail` */
  readonly text: string;

  constructor(readonly code: number, text: string) {
    super(text);
    this.name = 'RpcFault';
    this.text = text;
  }

  /** a fault the way supervisord builds it: the name, plus `: detail` when given */
  static of(name: FaultName, detail?: string): RpcFault {
    return new RpcFault(Faults[name], detail === undefined ? name : `${name}: ${detail}`);
  }
}

/**
 * Every method of the protocol, as called over the wire: what ctl calls and what the server
 * answers (its method tables are typed by these names, and system.listMethods lists them).
 */
export const Methods = {
  getAPIVersion: 'supervisor.getAPIVersion',
  getVersion: 'supervisor.getVersion',
  getSupervisorVersion: 'supervisor.getSupervisorVersion',
  getIdentification: 'supervisor.getIdentification',
  getState: 'supervisor.getState',
  getPID: 'supervisor.getPID',
  shutdown: 'supervisor.shutdown',
  restart: 'supervisor.restart',
  getProcessInfo: 'supervisor.getProcessInfo',
  getAllProcessInfo: 'supervisor.getAllProcessInfo',
  startProcess: 'supervisor.startProcess',
  startProcessGroup: 'supervisor.startProcessGroup',
  startAllProcesses: 'supervisor.startAllProcesses',
  stopProcess: 'supervisor.stopProcess',
  stopProcessGroup: 'supervisor.stopProcessGroup',
  stopAllProcesses: 'supervisor.stopAllProcesses',
  signalProcess: 'supervisor.signalProcess',
  signalProcessGroup: 'supervisor.signalProcessGroup',
  signalAllProcesses: 'supervisor.signalAllProcesses',
  readLog: 'supervisor.readLog',
  readMainLog: 'supervisor.readMainLog',
  clearLog: 'supervisor.clearLog',
  readProcessStdoutLog: 'supervisor.readProcessStdoutLog',
  readProcessLog: 'supervisor.readProcessLog',
  readProcessStderrLog: 'supervisor.readProcessStderrLog',
  tailProcessStdoutLog: 'supervisor.tailProcessStdoutLog',
  tailProcessLog: 'supervisor.tailProcessLog',
  tailProcessStderrLog: 'supervisor.tailProcessStderrLog',
  clearProcessLogs: 'supervisor.clearProcessLogs',
  clearProcessLog: 'supervisor.clearProcessLog',
  clearAllProcessLogs: 'supervisor.clearAllProcessLogs',
  reloadConfig: 'supervisor.reloadConfig',
  addProcessGroup: 'supervisor.addProcessGroup',
  removeProcessGroup: 'supervisor.removeProcessGroup',
  getAllConfigInfo: 'supervisor.getAllConfigInfo',
  sendProcessStdin: 'supervisor.sendProcessStdin',
  sendRemoteCommEvent: 'supervisor.sendRemoteCommEvent',
  listMethods: 'system.listMethods',
  methodHelp: 'system.methodHelp',
  methodSignature: 'system.methodSignature',
  multicall: 'system.multicall',
} as const;

/** the name of a method of the protocol, e.g. 'supervisor.getPID' */
export type MethodName = (typeof Methods)[keyof typeof Methods];

const METHOD_NAMES: ReadonlySet<string> = new Set(Object.values(Methods));

/** whether a name (as a client sent it) is a method of the protocol */
export function isMethodName(name: string): name is MethodName {
  return METHOD_NAMES.has(name);
}

/** One element of a group/all result array (spec §6.4). */
export interface ProcessResult {
  readonly name: string;
  readonly group: string;
  /** a fault code, or Faults.SUCCESS */
  readonly status: number;
  /** 'OK' or the faultString */
  readonly description: string;
}

export interface StateInfo {
  readonly statecode: number;
  readonly statename: string;
}

// ---- names (spec §6.3) --------------------------------------------------------------------

/** `group:name`, or just `name` when the group has the process's name. */
export function makeNamespec(group: string, name: string): string {
  return group === name ? name : `${group}:${name}`;
}

/** 'g:p' -> [g, p]; 'g:' and 'g:*' -> [g, null]; 'p' -> [p, p]. */
export function splitNamespec(spec: string): [group: string, name: string | null] {
  const colon = spec.indexOf(':');
  if (colon < 0) return [spec, spec];
  const group = spec.slice(0, colon);
  const name = spec.slice(colon + 1);
  return [group, name === '' || name === '*' ? null : name];
}

// ---- structs on the wire ------------------------------------------------------------------

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Clamp an integer to XML-RPC's 32-bit range (supervisord's capped_int). */
export function cappedInt(n: number): number {
  const i = Math.trunc(n);
  return Math.min(INT32_MAX, Math.max(INT32_MIN, i));
}

/** The getProcessInfo struct with supervisord's member order and capped times. */
export function processInfoStruct(info: ProcessInfo): XmlRpcStruct {
  return {
    name: info.name,
    group: info.group,
    start: cappedInt(info.start),
    stop: cappedInt(info.stop),
    now: cappedInt(info.now),
    state: info.state,
    statename: info.statename,
    spawnerr: info.spawnerr,
    exitstatus: info.exitstatus,
    logfile: info.logfile,
    stdout_logfile: info.stdout_logfile,
    stderr_logfile: info.stderr_logfile,
    pid: info.pid,
    description: info.description,
  };
}

export function resultStruct(r: ProcessResult): XmlRpcStruct {
  return { name: r.name, group: r.group, status: r.status, description: r.description };
}

/** What a client reads back: the fields it uses, checked. */
export interface WireProcessInfo {
  readonly name: string;
  readonly group: string;
  readonly state: number;
  readonly statename: string;
  readonly pid: number;
  readonly description: string;
}

function str(s: XmlRpcStruct, key: string): string {
  const v = s[key];
  if (typeof v !== 'string') throw new TypeError(`malformed response: '${key}' is not a string`);
  return v;
}

function int(s: XmlRpcStruct, key: string): number {
  const v = s[key];
  if (typeof v !== 'number') throw new TypeError(`malformed response: '${key}' is not an int`);
  return v;
}

function struct(v: XmlRpcValue): XmlRpcStruct {
  if (!isXmlRpcStruct(v)) throw new TypeError('malformed response: expected a struct');
  return v;
}

function array(v: XmlRpcValue): readonly XmlRpcValue[] {
  if (!Array.isArray(v)) throw new TypeError('malformed response: expected an array');
  return v as readonly XmlRpcValue[];
}

export function readProcessInfo(v: XmlRpcValue): WireProcessInfo {
  const s = struct(v);
  return {
    name: str(s, 'name'),
    group: str(s, 'group'),
    state: int(s, 'state'),
    statename: str(s, 'statename'),
    pid: int(s, 'pid'),
    description: str(s, 'description'),
  };
}

export function readProcessInfos(v: XmlRpcValue): WireProcessInfo[] {
  return array(v).map(readProcessInfo);
}

export function readResults(v: XmlRpcValue): ProcessResult[] {
  return array(v).map((item) => {
    const s = struct(item);
    return { name: str(s, 'name'), group: str(s, 'group'), status: int(s, 'status'), description: str(s, 'description') };
  });
}

// ---- where tend listens when the config names no server -----------------------------------

export const DEFAULT_SOCKET = '/run/tend.sock';
export const FALLBACK_SOCKET = '/tmp/tend.sock';
export const DEFAULT_SOCKET_MODE = 0o700;

function writableDir(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Where the server binds its default socket: /run/tend.sock, or /tmp/tend.sock when /run is not writable. */
export function defaultSocketPath(): string {
  return writableDir('/run') ? DEFAULT_SOCKET : FALLBACK_SOCKET;
}

/** Where a client looks for the default socket: the one that exists, else defaultSocketPath(). */
export function findDefaultSocket(): string {
  for (const p of [DEFAULT_SOCKET, FALLBACK_SOCKET]) {
    try {
      if (fs.statSync(p).isSocket()) return p;
    } catch {
      // not there
    }
  }
  return defaultSocketPath();
}
