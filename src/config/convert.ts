// One tiny converter per value type (spec §2.3), each returning the value or supervisord's exact
// error text. Those that look at the file system take a PathEnv so that they stay pure.

import { parseSignal, signalName, type SignalName } from '../common/signals';
import { parseEnvironment } from './envlist';
import { fail, ok, pyAbspath, pyDirname, pyExpandUser, pyInt, pyOctal, pyRepr, type Conv } from '../python/builtins';
import type { AutoRestart, BackoffShape, LogFileSetting, LogLevelName, RestartBackoff, ShutdownOn } from './types';
import { toUser, toUserGroup, type UserDb } from './users';

export type Converter<T> = (value: string) => Conv<T>;

/** What the path converters need: where relative paths start, HOME for '~', a directory test. */
export interface PathEnv {
  readonly cwd: string;
  readonly home: string | undefined;
  readonly users: UserDb;
  isDir(absPath: string): boolean;
}

const TRUTHY = ['yes', 'true', 'on', '1'];
const FALSY = ['no', 'false', 'off', '0'];

export const boolean: Converter<boolean> = (v) => {
  const s = v.toLowerCase();
  if (TRUTHY.includes(s)) return ok(true);
  if (FALSY.includes(s)) return ok(false);
  return fail(`not a valid boolean value: ${pyRepr(v)}`);
};

export const integer: Converter<number> = (v) => pyInt(v);

const SUFFIXES: Readonly<Record<string, number>> = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** 10, 10KB, 10 mb, 1GB; the error quotes the lower-cased text as supervisord does. */
export const byteSize: Converter<number> = (v) => {
  const s = v.toLowerCase();
  const mult = SUFFIXES[s.slice(-2)];
  const n = pyInt(mult === undefined ? s : s.slice(0, -2));
  return n.ok ? ok(n.value * (mult ?? 1)) : n;
};

export const octal: Converter<number> = (v) => {
  const n = pyOctal(v);
  return n === null ? fail(`${v} can not be converted to an octal type`) : ok(n);
};

export const signal: Converter<SignalName> = (v) => {
  const r = parseSignal(v);
  if (!r.ok) return fail(r.error);
  const name = signalName(r.signo);
  return name === undefined ? fail(`value ${pyRepr(v)} is not a valid signal number`) : ok(name);
};

export const exitcodes: Converter<readonly number[]> = (v) => {
  if (v === '') return ok([]);
  const codes: number[] = [];
  for (const part of v.split(',')) {
    const n = pyInt(part);
    if (!n.ok || n.value < 0 || n.value > 255) return fail(`not a valid list of exit codes: ${pyRepr(v)}`);
    codes.push(n.value);
  }
  return ok(codes);
};

export const autorestart: Converter<AutoRestart> = (v) => {
  const s = v.toLowerCase();
  if (TRUTHY.includes(s)) return ok('true');
  if (FALSY.includes(s)) return ok('false');
  if (s === 'unexpected') return ok('unexpected');
  return fail(`invalid 'autorestart' value ${pyRepr(s)}`);
};

/** a whole number of seconds, 0 or more (tend's own keys) */
export const seconds: Converter<number> = (v) => {
  const n = pyInt(v);
  if (n.ok && n.value < 0) return fail(`${pyRepr(v)} is not a number of seconds (0 or more)`);
  return n;
};

/** startretries: an integer (supervisord), or infinite (Infinity): never give up. */
export const startretries: Converter<number> = (v) => {
  if (v.trim().toLowerCase() === 'infinite') return ok(Number.POSITIVE_INFINITY);
  const n = pyInt(v);
  return n.ok ? n : fail(`${n.error} (startretries is an integer or infinite)`);
};

/** One of a few words, any case; the error names the key and the words allowed. */
function oneOf<T extends string>(key: string, allowed: readonly T[]): Converter<T> {
  return (v) => {
    const s = v.trim().toLowerCase();
    const hit = allowed.find((a) => a === s);
    return hit === undefined ? fail(`invalid '${key}' value ${pyRepr(v)} (allowed: ${allowed.join(', ')})`) : ok(hit);
  };
}

export const backoff: Converter<BackoffShape> = oneOf('backoff', ['linear', 'exponential']);
export const restartBackoff: Converter<RestartBackoff> = oneOf('restart_backoff', ['none', 'linear', 'exponential']);
export const shutdownOn: Converter<ShutdownOn> = oneOf('shutdown_on', ['none', 'exit', 'unexpected', 'fatal']);

const DAY = 86_400;

/** backoff_max: whole seconds, from 1 to a day. */
export const backoffMax: Converter<number> = (v) => {
  const n = pyInt(v);
  if (n.ok && n.value >= 1 && n.value <= DAY) return n;
  return fail(`invalid 'backoff_max' value ${pyRepr(v)} (allowed: whole seconds from 1 to ${DAY})`);
};

const LEVELS: readonly LogLevelName[] = ['critical', 'error', 'warn', 'info', 'debug', 'trace', 'blather'];

export const loglevel: Converter<LogLevelName> = (v) => {
  const s = v.toLowerCase();
  const level = LEVELS.find((l) => l === s);
  return level === undefined ? fail(`bad logging level name ${pyRepr(v)}`) : ok(level);
};

/** names of programs, groups and processes: trimmed; no space, ':' or '/'. */
export const name: Converter<string> = (v) => {
  const s = v.trim();
  for (const ch of [' ', ':', '/']) {
    if (s.includes(ch)) return fail(`Invalid name: ${pyRepr(v)} because of character: ${pyRepr(ch)}`);
  }
  return ok(s);
};

export const environment: Converter<Readonly<Record<string, string>>> = parseEnvironment;

/** comma list, items trimmed; '' is the empty list. */
export const listOfStrings: Converter<readonly string[]> = (v) => ok(v === '' ? [] : v.split(',').map((x) => x.trim()));

function portNumber(s: string): Conv<number> {
  const n = pyInt(s);
  if (!n.ok) return n;
  if (n.value < 1) return fail(`${n.value} is below lower bound (1)`);
  if (n.value > 65535) return fail(`${n.value} is above upper bound (65535)`);
  return n;
}

/** [inet_http_server] port: 9001, host:9001, *:9001, :9001 ('' host = all interfaces). */
export const inetAddress: Converter<{ readonly host: string; readonly port: number }> = (v) => {
  const colon = v.lastIndexOf(':');
  if (colon === -1) {
    const p = portNumber(v);
    return p.ok ? ok({ host: '', port: p.value }) : fail(`not a valid port number: ${pyRepr(v)} `);
  }
  const portText = v.slice(colon + 1);
  if (portText === '') return fail(`no port number specified in ${pyRepr(portText)}`);
  const p = portNumber(portText);
  if (!p.ok) return p;
  const host = v.slice(0, colon).toLowerCase();
  return ok({ host: host === '*' ? '' : host, port: p.value });
};

function expandUser(v: string, env: PathEnv): string {
  return pyExpandUser(v, env.home, (n) => env.users.userByName(n)?.home);
}

/** An existing directory ('~' expanded), returned absolute. */
export function existingDirectory(v: string, env: PathEnv): Conv<string> {
  const abs = pyAbspath(expandUser(v, env), env.cwd);
  return env.isDir(abs) ? ok(abs) : fail(`${v} is not an existing directory`);
}

/** A path whose directory part must exist ('~' expanded), returned absolute. */
export function existingDirpath(v: string, env: PathEnv): Conv<string> {
  const expanded = expandUser(v, env);
  const dir = pyDirname(expanded);
  if (dir !== '' && !env.isDir(pyAbspath(dir, env.cwd))) {
    return fail(`The directory named as part of the path ${v} does not exist`);
  }
  return ok(pyAbspath(expanded, env.cwd));
}

/** Paths that name tend's own stdout or stderr: written raw, never rotated. */
const RAW_PATHS: ReadonlyMap<string, 1 | 2> = new Map([
  ['/dev/stdout', 1], ['/dev/fd/1', 1], ['/proc/self/fd/1', 1],
  ['/dev/stderr', 2], ['/dev/fd/2', 2], ['/proc/self/fd/2', 2],
]);

/** stdout_logfile/stderr_logfile: none/off, auto, syslog (any case), or a path. */
export function logfile(v: string, env: PathEnv): Conv<LogFileSetting> {
  const s = v.toLowerCase();
  const fd = RAW_PATHS.get(v.trim());
  if (fd !== undefined) return ok({ kind: 'raw', fd, path: v.trim() });
  if (s === 'none' || s === 'off') return ok({ kind: 'none' });
  if (s === 'auto') return ok({ kind: 'auto' });
  if (s === 'syslog') return ok({ kind: 'syslog' });
  const path = existingDirpath(v, env);
  return path.ok ? ok({ kind: 'path', path: path.value }) : path;
}

export { toUser as user, toUserGroup as userGroup };
