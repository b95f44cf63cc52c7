// `avail`, `reread`, `update`, `add`, `remove` and `open` (spec §7.2), as supervisorctl 4.2.5
// runs them (these do not check the server first), plus tend's `avail --json`.

import { parseServerUrl } from '../protocol/client';
import { Faults, makeNamespec, Methods, RpcFault } from '../protocol/protocol';
import type { XmlRpcValue } from '../protocol/xmlrpc';
import { Exit, type CtlContext } from './context';
import { TOPICS } from './help';
import { status, words } from './status';

type Struct = Readonly<Record<string, XmlRpcValue>>;

function structs(v: XmlRpcValue): Struct[] {
  return Array.isArray(v) ? v.filter((x): x is Struct => typeof x === 'object' && x !== null && !Array.isArray(x)) : [];
}

function strings(v: XmlRpcValue | undefined): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

function noArgs(ctx: CtlContext, cmd: string, arg: string): boolean {
  if (arg.trim() === '') return true;
  ctx.out(`Error: ${cmd} accepts no arguments`);
  ctx.exitstatus = Exit.GENERIC;
  for (const line of TOPICS[cmd] ?? []) ctx.out(line);
  return false;
}

/** a fault we have words for, else rethrown */
function shuttingDown(ctx: CtlContext, err: unknown, text: string): void {
  if (!(err instanceof RpcFault) || err.code !== Faults.SHUTDOWN_STATE) throw err;
  ctx.exitstatus = Exit.GENERIC;
  ctx.out(text);
}

export async function avail(ctx: CtlContext, arg: string): Promise<void> {
  const json = arg.trim() === '--json';
  if (!json && !noArgs(ctx, 'avail', arg)) return;
  let infos: Struct[];
  try {
    infos = structs(await ctx.call(Methods.getAllConfigInfo));
  } catch (err) {
    return shuttingDown(ctx, err, 'ERROR: supervisor shutting down');
  }
  if (json) {
    ctx.out(JSON.stringify(infos.map((i) => ({
      namespec: makeNamespec(String(i.group), String(i.name)), name: i.name, group: i.group, inuse: i.inuse,
      autostart: i.autostart, group_prio: i.group_prio, process_prio: i.process_prio,
    }))));
    return;
  }
  for (const i of infos) {
    const name = makeNamespec(String(i.group), String(i.name)).padEnd(32);
    const inuse = (i.inuse === true ? 'in use' : 'avail').padEnd(9);
    const auto = (i.autostart === true ? 'auto' : 'manual').padEnd(9);
    ctx.out(`${name} ${inuse} ${auto} ${String(i.group_prio)}:${String(i.process_prio)}`);
  }
}

async function reloadConfig(ctx: CtlContext): Promise<[string[], string[], string[]]> {
  const r = await ctx.call(Methods.reloadConfig);
  const first = Array.isArray(r) ? r[0] : undefined;
  const parts = Array.isArray(first) ? first : [];
  return [strings(parts[0]), strings(parts[1]), strings(parts[2])];
}

export async function reread(ctx: CtlContext, arg: string): Promise<void> {
  if (!noArgs(ctx, 'reread', arg)) return;
  let diff: [string[], string[], string[]];
  try {
    diff = await reloadConfig(ctx);
  } catch (err) {
    if (err instanceof RpcFault && err.code === Faults.CANT_REREAD) {
      ctx.exitstatus = Exit.GENERIC;
      ctx.out(`ERROR: ${err.text}`);
      return;
    }
    return shuttingDown(ctx, err, 'ERROR: supervisor shutting down');
  }
  const changes = new Map<string, string>();
  const [added, changed, removed] = diff;
  for (const n of added) changes.set(n, 'available');
  for (const n of changed) changes.set(n, 'changed');
  for (const n of removed) changes.set(n, 'disappeared');
  if (changes.size === 0) {
    ctx.out('No config updates to processes');
    return;
  }
  for (const n of [...changes.keys()].sort()) ctx.out(`${n}: ${changes.get(n) as string}`);
}

export async function update(ctx: CtlContext, arg: string): Promise<void> {
  let diff: [string[], string[], string[]];
  try {
    diff = await reloadConfig(ctx);
  } catch (err) {
    return shuttingDown(ctx, err, 'ERROR: already shutting down');
  }
  const [added, changed, removed] = diff;
  let wanted = new Set(words(arg));
  if (wanted.has('all')) wanted = new Set();
  if (wanted.size > 0) {
    const groups = new Set(structs(await ctx.call(Methods.getAllProcessInfo)).map((i) => String(i.group)));
    for (const n of added) groups.add(n);
    for (const g of wanted) {
      if (!groups.has(g)) {
        ctx.out(`ERROR: no such group: ${g}`);
        ctx.exitstatus = Exit.GENERIC;
      }
    }
  }
  const chosen = (g: string): boolean => wanted.size === 0 || wanted.has(g);
  for (const g of removed.filter(chosen)) {
    const results = structs(await ctx.call(Methods.stopProcessGroup, g));
    ctx.out(`${g}: stopped`);
    if (results.some((r) => r.status === Faults.FAILED)) {
      ctx.out(`${g}: has problems; not removing`);
      ctx.exitstatus = Exit.GENERIC;
      continue;
    }
    await ctx.call(Methods.removeProcessGroup, g);
    ctx.out(`${g}: removed process group`);
  }
  for (const g of changed.filter(chosen)) {
    await ctx.call(Methods.stopProcessGroup, g);
    ctx.out(`${g}: stopped`);
    await ctx.call(Methods.removeProcessGroup, g);
    await ctx.call(Methods.addProcessGroup, g);
    ctx.out(`${g}: updated process group`);
  }
  for (const g of added.filter(chosen)) {
    await ctx.call(Methods.addProcessGroup, g);
    ctx.out(`${g}: added process group`);
  }
}

export async function add(ctx: CtlContext, arg: string): Promise<void> {
  for (const name of words(arg)) {
    try {
      await ctx.call(Methods.addProcessGroup, name);
      ctx.out(`${name}: added process group`);
    } catch (err) {
      if (!(err instanceof RpcFault)) throw err;
      if (err.code === Faults.SHUTDOWN_STATE) {
        ctx.out('ERROR: shutting down');
        ctx.exitstatus = Exit.GENERIC;
      } else if (err.code === Faults.ALREADY_ADDED) {
        ctx.out('ERROR: process group already active');
      } else if (err.code === Faults.BAD_NAME) {
        ctx.out(`ERROR: no such process/group: ${name}`);
        ctx.exitstatus = Exit.GENERIC;
      } else {
        ctx.exitstatus = Exit.GENERIC;
        throw err;
      }
    }
  }
}

export async function remove(ctx: CtlContext, arg: string): Promise<void> {
  for (const name of words(arg)) {
    try {
      await ctx.call(Methods.removeProcessGroup, name);
      ctx.out(`${name}: removed process group`);
    } catch (err) {
      ctx.exitstatus = Exit.GENERIC;
      if (!(err instanceof RpcFault)) throw err;
      if (err.code === Faults.STILL_RUNNING) ctx.out(`ERROR: process/group still running: ${name}`);
      else if (err.code === Faults.BAD_NAME) ctx.out(`ERROR: no such process/group: ${name}`);
      else throw err;
    }
  }
}

/** open URL: talk to another server from now on (in the shell), then show its status */
export function makeOpen(connect: (url: string) => CtlContext['server'] | null) {
  return async (ctx: CtlContext, arg: string): Promise<void> => {
    const url = arg.trim();
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
    const server = scheme === 'unix' || scheme === 'http' ? (parseServerUrl(url) === null ? null : connect(url)) : null;
    if (scheme !== 'unix' && scheme !== 'http') {
      ctx.out('ERROR: url must be http:// or unix://');
      ctx.exitstatus = Exit.GENERIC;
      return;
    }
    ctx.url = url;
    if (server !== null) ctx.server = server;
    const before = ctx.exitstatus;
    await status(ctx, '');
    ctx.exitstatus = before;
  };
}
