// `status` and `pid` (spec §7.2, §7.3).

import { Faults, makeNamespec, Methods, readProcessInfo, readProcessInfos, RpcFault, splitNamespec, type WireProcessInfo } from '../rpc/protocol';
import { ProcessStates } from '../core/states';
import { Exit, type CtlContext } from './context';

const STOPPED_CODES: ReadonlySet<number> = new Set([ProcessStates.STOPPED, ProcessStates.EXITED, ProcessStates.FATAL, ProcessStates.UNKNOWN]);

/** Python's len(): code points, not UTF-16 units. */
function width(s: string): number {
  return [...s].length;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)));
}

/** The status table: namespec padded to max(30, longest) + 3, statename to 10, description. */
export function statusLines(infos: readonly WireProcessInfo[]): string[] {
  const specs = infos.map((i) => makeNamespec(i.group, i.name));
  const w = Math.max(30, ...specs.map(width)) + 3;
  return infos.map((info, i) => `${pad(specs[i], w)}${pad(info.statename, 10)}${info.description}`);
}

export function words(arg: string): string[] {
  return arg.split(/\s+/).filter((w) => w !== '');
}

export async function status(ctx: CtlContext, arg: string): Promise<void> {
  if (!(await ctx.upcheck())) {
    ctx.exitstatus = Exit.STATUS_UNKNOWN;
    return;
  }
  const all = readProcessInfos(await ctx.call(Methods.getAllProcessInfo));
  const names = words(arg);
  let matching: WireProcessInfo[] = all;
  if (names.length > 0 && !names.includes('all')) {
    matching = [];
    for (const name of names) {
      const [group, proc] = splitNamespec(name);
      const hits = all.filter((i) => i.group === group && (proc === null || i.name === proc));
      matching.push(...hits);
      if (hits.length === 0) {
        ctx.out(proc === null ? `${group}: ERROR (no such group)` : `${name}: ERROR (no such process)`);
        ctx.exitstatus = Exit.STATUS_UNKNOWN;
      }
    }
  }
  for (const line of statusLines(matching)) ctx.out(line);
  if (matching.some((i) => STOPPED_CODES.has(i.state))) ctx.exitstatus = Exit.STATUS_NOT_RUNNING;
}

export async function pid(ctx: CtlContext, arg: string): Promise<void> {
  if (!(await ctx.upcheck())) return;
  const names = words(arg);
  if (names.length === 0) {
    ctx.out(String(await ctx.call(Methods.getPID)));
    return;
  }
  if (names.includes('all')) {
    for (const info of readProcessInfos(await ctx.call(Methods.getAllProcessInfo))) ctx.out(String(info.pid));
    return;
  }
  for (const name of names) {
    let info: WireProcessInfo;
    try {
      info = readProcessInfo(await ctx.call(Methods.getProcessInfo, name));
    } catch (err) {
      ctx.exitstatus = Exit.GENERIC;
      if (err instanceof RpcFault && err.code === Faults.BAD_NAME) {
        ctx.out(`No such process ${name}`);
        continue;
      }
      throw err;
    }
    ctx.out(String(info.pid));
    if (info.pid === 0) ctx.exitstatus = Exit.NOT_RUNNING;
  }
}
