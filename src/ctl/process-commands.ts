// `start`, `stop`, `restart` and `signal` (spec §7.2): one RPC per name (or per group, or
// one for all), a line per process result, and supervisorctl's exit statuses.

import { Faults, makeNamespec, Methods, readResults, RpcFault, splitNamespec, type ProcessResult } from '../protocol/protocol';
import type { XmlRpcValue } from '../protocol/xmlrpc';
import { Exit, UnknownResultError, type CtlContext } from './context';
import { TOPICS } from './help';
import { words } from './status';

function help(ctx: CtlContext, topic: string): void {
  for (const line of TOPICS[topic] ?? []) ctx.out(line);
}

/** The line for one start result. */
export function startLine(r: ProcessResult): string {
  const name = makeNamespec(r.group, r.name);
  const err = (why: string): string => `${name}: ERROR (${why})`;
  switch (r.status) {
    case Faults.SUCCESS: return `${name}: started`;
    case Faults.BAD_NAME: return err('no such process');
    case Faults.NO_FILE: return err('no such file');
    case Faults.NOT_EXECUTABLE: return err('file is not executable');
    case Faults.ALREADY_STARTED: return err('already started');
    case Faults.SPAWN_ERROR: return err('spawn error');
    case Faults.ABNORMAL_TERMINATION: return err('abnormal termination');
    default: throw new UnknownResultError(r.status, name);
  }
}

/** The line for one stop or signal result; FAILED shows the fault text as it is. */
export function signalLine(r: ProcessResult, success: 'stopped' | 'signalled'): string {
  const name = makeNamespec(r.group, r.name);
  const err = (why: string): string => `${name}: ERROR (${why})`;
  switch (r.status) {
    case Faults.SUCCESS: return `${name}: ${success}`;
    case Faults.BAD_NAME: return err('no such process');
    case Faults.BAD_SIGNAL: return err('bad signal name');
    case Faults.NOT_RUNNING: return err('not running');
    case Faults.FAILED: return r.description;
    default: throw new UnknownResultError(r.status, name);
  }
}

interface Verb {
  readonly all: (ctx: CtlContext) => Promise<XmlRpcValue>;
  readonly group: (ctx: CtlContext, group: string) => Promise<XmlRpcValue>;
  readonly one: (ctx: CtlContext, name: string) => Promise<XmlRpcValue>;
  readonly line: (r: ProcessResult) => string;
  /** the fault code that leaves the exit status alone */
  readonly ignored?: number;
  /** exit status for an unknown group */
  readonly badGroup: number;
}

function report(ctx: CtlContext, verb: Verb, value: XmlRpcValue): void {
  for (const r of readResults(value)) {
    ctx.out(verb.line(r));
    ctx.statusFromFault(r.status, verb.ignored);
  }
}

/** The body shared by start, stop and signal once arguments are checked. */
async function act(ctx: CtlContext, verb: Verb, names: readonly string[]): Promise<void> {
  if (names.includes('all')) return report(ctx, verb, await verb.all(ctx));
  for (const name of names) {
    const [group, proc] = splitNamespec(name);
    if (proc === null) {
      try {
        report(ctx, verb, await verb.group(ctx, group));
      } catch (err) {
        if (!(err instanceof RpcFault) || err.code !== Faults.BAD_NAME) {
          ctx.exitstatus = Exit.GENERIC;
          throw err;
        }
        ctx.out(`${group}: ERROR (no such group)`);
        ctx.exitstatus = verb.badGroup;
      }
      continue;
    }
    try {
      await verb.one(ctx, name);
    } catch (err) {
      if (!(err instanceof RpcFault)) throw err;
      const r: ProcessResult = { name: proc, group, status: err.code, description: err.text };
      ctx.out(verb.line(r));
      ctx.statusFromFault(r.status, verb.ignored);
      continue;
    }
    ctx.out(verb.line({ name: proc, group, status: Faults.SUCCESS, description: 'OK' }));
  }
}

const START: Verb = {
  all: (ctx) => ctx.call(Methods.startAllProcesses),
  group: (ctx, g) => ctx.call(Methods.startProcessGroup, g),
  one: (ctx, n) => ctx.call(Methods.startProcess, n),
  line: startLine,
  ignored: Faults.ALREADY_STARTED,
  badGroup: Exit.INVALID_ARGS,
};

const STOP: Verb = {
  all: (ctx) => ctx.call(Methods.stopAllProcesses),
  group: (ctx, g) => ctx.call(Methods.stopProcessGroup, g),
  one: (ctx, n) => ctx.call(Methods.stopProcess, n),
  line: (r) => signalLine(r, 'stopped'),
  ignored: Faults.NOT_RUNNING,
  badGroup: Exit.GENERIC,
};

function signalVerb(sig: string): Verb {
  return {
    all: (ctx) => ctx.call(Methods.signalAllProcesses, sig),
    group: (ctx, g) => ctx.call(Methods.signalProcessGroup, g, sig),
    one: (ctx, n) => ctx.call(Methods.signalProcess, n, sig),
    line: (r) => signalLine(r, 'signalled'),
    badGroup: Exit.GENERIC,
  };
}

export async function start(ctx: CtlContext, arg: string): Promise<void> {
  if (!(await ctx.upcheck())) return;
  const names = words(arg);
  if (names.length === 0) {
    ctx.out('Error: start requires a process name');
    ctx.exitstatus = Exit.INVALID_ARGS;
    return help(ctx, 'start');
  }
  await act(ctx, START, names);
}

export async function stop(ctx: CtlContext, arg: string): Promise<void> {
  if (!(await ctx.upcheck())) return;
  const names = words(arg);
  if (names.length === 0) {
    ctx.out('Error: stop requires a process name');
    ctx.exitstatus = Exit.GENERIC;
    return help(ctx, 'stop');
  }
  await act(ctx, STOP, names);
}

export async function restart(ctx: CtlContext, arg: string): Promise<void> {
  if (!(await ctx.upcheck())) return;
  if (words(arg).length === 0) {
    ctx.out('Error: restart requires a process name');
    ctx.exitstatus = Exit.GENERIC;
    return help(ctx, 'restart');
  }
  await stop(ctx, arg);
  await start(ctx, arg);
}

export async function signal(ctx: CtlContext, arg: string): Promise<void> {
  if (!(await ctx.upcheck())) return;
  const args = words(arg);
  if (args.length < 2) {
    ctx.out('Error: signal requires a signal name and a process name');
    help(ctx, 'signal');
    ctx.exitstatus = Exit.GENERIC;
    return;
  }
  await act(ctx, signalVerb(args[0]), args.slice(1));
}
