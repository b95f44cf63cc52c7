// `tail`, `maintail` and `clear` (spec §7.2), as supervisorctl 4.2.5 runs them.

import { Faults, makeNamespec, Methods, RpcFault, splitNamespec } from '../protocol/protocol';
import type { XmlRpcValue } from '../protocol/xmlrpc';
import { HttpStatusError } from '../protocol/client';
import { Exit, pyException, UnknownResultError, type CtlContext } from './context';
import { TOPICS } from './help';
import { words } from './status';

const DEFAULT_BYTES = 1600;

function help(ctx: CtlContext, topic: string): void {
  for (const line of TOPICS[topic] ?? []) ctx.out(line);
}

function fail(ctx: CtlContext, line: string, helpTopic?: string): void {
  ctx.out(line);
  ctx.exitstatus = Exit.GENERIC;
  if (helpTopic !== undefined) help(ctx, helpTopic);
}

/**
 * `==> Press Ctrl-C to exit <==`, then the stream's bytes until Ctrl-C (then an empty line) or
 * until the server ends it. As supervisorctl's HTTP listener, a refused stream is reported on
 * stderr as `<serverurl><path> Cannot read, status code N` (or `Cannot connect, error: ...`)
 * and leaves the exit status as it is.
 */
async function tailf(ctx: CtlContext, path: string): Promise<void> {
  ctx.out('==> Press Ctrl-C to exit <==');
  const stream = ctx.server.stream?.bind(ctx.server);
  if (stream === undefined || ctx.extras.interrupt === undefined) throw new Error('following a log needs a server connection');
  const interrupt = ctx.extras.interrupt();
  const signal = interrupt.signal;
  const raw = ctx.extras.raw ?? ((b: Uint8Array) => ctx.out(Buffer.from(b).toString('utf8')));
  const err = ctx.extras.err ?? ((line: string) => ctx.out(line));
  try {
    await stream(path, (chunk) => raw(chunk), signal);
  } catch (e) {
    interrupt.done();
    if (e instanceof HttpStatusError) err(`${ctx.url}${path} Cannot read, status code ${e.status}`);
    else {
      const py = pyException(e);
      err(`${ctx.url}${path} Cannot connect, error: ${py.cls} (${py.value})`);
    }
  }
  interrupt.done();
  if (signal.aborted) ctx.out('');
}

/** the `-f` / `-N` modifier: null for follow, a byte count, or undefined when it is bad */
function modifierBytes(mod: string): number | null | undefined {
  const what = mod.slice(1);
  if (what === 'f') return null;
  return /^\s*[+-]?\d+\s*$/.test(what) ? Number.parseInt(what, 10) : undefined;
}

function readError(ctx: CtlContext, name: string, err: unknown, badName: string | null): void {
  if (!(err instanceof RpcFault)) throw err;
  const why = err.code === Faults.NO_FILE ? 'no log file'
    : err.code === Faults.FAILED ? 'unknown error reading log'
      : err.code === Faults.BAD_NAME && badName !== null ? badName : null;
  if (why === null) throw err;
  ctx.exitstatus = Exit.GENERIC;
  ctx.out(`${name}: ERROR (${why})`);
}

export async function tail(ctx: CtlContext, arg: string): Promise<void> {
  if (!(await ctx.upcheck())) return;
  const args = words(arg);
  if (args.length < 1) return fail(ctx, 'Error: too few arguments', 'tail');
  if (args.length > 3) return fail(ctx, 'Error: too many arguments', 'tail');
  const modifier = args[0]?.startsWith('-') ? (args.shift() as string) : null;
  let name: string;
  let channel = 'stdout';
  if (args.length === 1) {
    name = args[0] as string;
  } else if (args.length > 0) {
    name = args[0] as string;
    channel = (args[args.length - 1] as string).toLowerCase();
    if (channel !== 'stdout' && channel !== 'stderr') return fail(ctx, `Error: bad channel '${channel}'`);
  } else {
    return fail(ctx, 'Error: tail requires process name');
  }
  let bytes: number | null = DEFAULT_BYTES;
  if (modifier !== null) {
    const b = modifierBytes(modifier);
    if (b === undefined) return fail(ctx, `Error: bad argument ${modifier}`);
    bytes = b;
  }
  if (bytes === null) return tailf(ctx, `/logtail/${name}/${channel}`);
  try {
    const method = channel === 'stdout' ? Methods.readProcessStdoutLog : Methods.readProcessStderrLog;
    ctx.out(String(await ctx.call(method, name, -bytes, 0)));
  } catch (err) {
    readError(ctx, name, err, 'no such process name');
  }
}

export async function maintail(ctx: CtlContext, arg: string): Promise<void> {
  if (!(await ctx.upcheck())) return;
  const args = words(arg);
  if (args.length > 1) return fail(ctx, 'Error: too many arguments', 'maintail');
  let bytes = DEFAULT_BYTES;
  if (args.length === 1) {
    const a = args[0] as string;
    if (!a.startsWith('-')) return fail(ctx, `Error: bad argument ${a}`);
    const b = modifierBytes(a);
    if (b === null) return tailf(ctx, '/mainlogtail');
    if (b === undefined) return fail(ctx, `Error: bad argument ${a}`);
    bytes = b;
  }
  try {
    ctx.out(String(await ctx.call(Methods.readLog, -bytes, 0)));
  } catch (err) {
    readError(ctx, 'supervisord', err, null);
  }
}

function clearResult(r: { name: string; group: string; status: number }): string {
  const name = makeNamespec(r.group, r.name);
  if (r.status === Faults.BAD_NAME) return `${name}: ERROR (no such process)`;
  if (r.status === Faults.FAILED) return `${name}: ERROR (failed)`;
  if (r.status === Faults.SUCCESS) return `${name}: cleared`;
  throw new UnknownResultError(r.status, name);
}

function field(v: XmlRpcValue, key: string): XmlRpcValue | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, XmlRpcValue>)[key] : undefined;
}

export async function clear(ctx: CtlContext, arg: string): Promise<void> {
  if (!(await ctx.upcheck())) return;
  const names = words(arg);
  if (names.length === 0) return fail(ctx, 'Error: clear requires a process name', 'clear');
  if (names.includes('all')) {
    const results = await ctx.call(Methods.clearAllProcessLogs);
    for (const r of Array.isArray(results) ? results : []) {
      const status = Number(field(r, 'status'));
      ctx.out(clearResult({ name: String(field(r, 'name')), group: String(field(r, 'group')), status }));
      ctx.statusFromFault(status);
    }
    return;
  }
  for (const name of names) {
    const [group, proc] = splitNamespec(name);
    try {
      await ctx.call(Methods.clearProcessLogs, name);
      ctx.out(`${makeNamespec(group, proc ?? 'None')}: cleared`);
    } catch (err) {
      if (!(err instanceof RpcFault)) throw err;
      // supervisorctl names a whole group g:None here (Python's None in its format)
      ctx.out(clearResult({ name: proc ?? 'None', group, status: err.code }));
      ctx.statusFromFault(err.code);
    }
  }
}
