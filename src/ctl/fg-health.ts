// `fg` (spec §7.2): a running process's output, and our input lines sent to its stdin; and
// tend's own `health`: 0 when the supervisor answers and no process is FATAL, BACKOFF or
// UNKNOWN, or EXITED with an exit code not in its exitcodes — what a Docker HEALTHCHECK or a
// Kubernetes probe wants (a one-shot task that EXITED as expected, or a process stopped on
// purpose, is not a failure).

import { ProcessStates } from '../core/states';
import { Faults, makeNamespec, Methods, readProcessInfo, readProcessInfos, RpcFault, type WireProcessInfo } from '../protocol/protocol';
import { isXmlRpcStruct, type XmlRpcValue } from '../protocol/xmlrpc';
import { Exit, type CtlContext } from './context';
import { TOPICS } from './help';
import { words } from './status';

export async function fg(ctx: CtlContext, arg: string): Promise<void> {
  if (!(await ctx.upcheck())) return;
  const names = words(arg);
  const fail = (line: string): void => {
    ctx.out(line);
    ctx.exitstatus = Exit.GENERIC;
  };
  if (names.length === 0) {
    fail('ERROR: no process name supplied');
    for (const line of TOPICS.fg ?? []) ctx.out(line);
    return;
  }
  if (names.length > 1) return fail('ERROR: too many process names supplied');
  const name = names[0] as string;
  const running = async (): Promise<boolean> => readProcessInfo(await ctx.call(Methods.getProcessInfo, name)).state === ProcessStates.RUNNING;
  try {
    if (!(await running())) return fail('ERROR: process not running');
  } catch (err) {
    if (err instanceof RpcFault && err.code === Faults.BAD_NAME) return fail('ERROR: bad process name supplied');
    if (err instanceof RpcFault) return ctx.out(`ERROR: ${err.message}`);
    throw err;
  }
  ctx.out('==> Press Ctrl-C to exit <==');
  const interrupt = ctx.extras.interrupt?.() ?? { signal: new AbortController().signal, done: () => undefined };
  const signal = interrupt.signal;
  const raw = ctx.extras.raw ?? ((b: Uint8Array) => ctx.out(Buffer.from(b).toString('utf8')));
  const stop = new AbortController();
  signal.addEventListener('abort', () => stop.abort(), { once: true });
  const streams = ['stdout', 'stderr'].map((ch) => ctx.server.stream?.(`/logtail/${name}/${ch}`, raw, stop.signal) ?? Promise.resolve());
  const readLine = ctx.extras.readLine;
  try {
    while (readLine !== undefined && !stop.signal.aborted) {
      const line = await Promise.race([readLine(), new Promise<null>((r) => stop.signal.addEventListener('abort', () => r(null), { once: true }))]);
      if (line === null) break;
      try {
        await ctx.call(Methods.sendProcessStdin, name, `${line}\n`);
      } catch (err) {
        ctx.out(err instanceof RpcFault && err.code === Faults.NOT_RUNNING ? 'Process got killed' : `ERROR: ${String(err)}`);
        break;
      }
      if (!(await running())) {
        ctx.out('Process got killed');
        break;
      }
    }
    if (readLine === undefined) await new Promise<void>((r) => stop.signal.addEventListener('abort', () => r(), { once: true }));
  } finally {
    interrupt.done();
    stop.abort();
    await Promise.allSettled(streams);
    ctx.out('Exiting foreground');
  }
}

const UNHEALTHY: ReadonlySet<number> = new Set([ProcessStates.FATAL, ProcessStates.BACKOFF, ProcessStates.UNKNOWN]);

export async function health(ctx: CtlContext, arg: string): Promise<void> {
  if (words(arg).length > 0) {
    ctx.out('Error: health accepts no arguments');
    ctx.exitstatus = Exit.GENERIC;
    return;
  }
  try {
    await checkHealth(ctx);
  } catch (err) {
    if (!(err instanceof RpcFault && err.code === Faults.SHUTDOWN_STATE)) throw err;
    ctx.out('unhealthy: supervisord is shutting down');
    ctx.exitstatus = Exit.GENERIC;
  }
}

async function checkHealth(ctx: CtlContext): Promise<void> {
  if (!(await ctx.upcheck())) {
    if (ctx.exitstatus === Exit.SUCCESS) ctx.exitstatus = Exit.GENERIC;
    return;
  }
  const state = await ctx.call(Methods.getState);
  const mood = typeof state === 'object' && state !== null && !Array.isArray(state) ? String((state as Record<string, unknown>).statename) : '';
  if (mood !== 'RUNNING') {
    ctx.out(`unhealthy: supervisord is ${mood}`);
    ctx.exitstatus = Exit.GENERIC;
    return;
  }
  const all = await ctx.call(Methods.getAllProcessInfo);
  const infos = readProcessInfos(all);
  const bad = infos.flatMap((info, n) => failure(info, spawnerrAt(all, n)) ?? []);
  if (bad.length === 0) {
    const up = infos.filter((i) => i.state === ProcessStates.RUNNING).length;
    ctx.out(`healthy: ${up} of ${infos.length} processes running, none failed`);
    return;
  }
  ctx.out(`unhealthy: ${bad.join(', ')}`);
  ctx.exitstatus = Exit.GENERIC;
}

/** the spawnerr of the n-th getAllProcessInfo struct ('' when absent) */
function spawnerrAt(all: XmlRpcValue, n: number): string {
  const s = Array.isArray(all) ? (all as readonly XmlRpcValue[])[n] : undefined;
  return s !== undefined && isXmlRpcStruct(s) && typeof s.spawnerr === 'string' ? s.spawnerr : '';
}

/**
 * Why a process counts as failed, or null. An EXITED process exited unexpectedly exactly when
 * its spawnerr is set: supervisord 4.2.5 (and tend) write `Bad exit code N` then, and clear
 * spawnerr at every spawn, so an exit code in exitcodes leaves it empty. No config is needed,
 * and the real supervisord answers the same.
 */
function failure(info: WireProcessInfo, spawnerr: string): string | null {
  const name = makeNamespec(info.group, info.name);
  if (UNHEALTHY.has(info.state)) return `${name} ${info.statename} (${info.description})`;
  if (info.state === ProcessStates.EXITED && spawnerr !== '') return `${name} EXITED unexpectedly (${spawnerr})`;
  return null;
}
