// `status` and `pid` (spec §7.2, §7.3).

import { Faults, makeNamespec, Methods, readProcessInfo, readProcessInfos, RpcFault, splitNamespec, type WireProcessInfo } from '../protocol/protocol';
import { STOPPED_STATES, stateName } from '../core/states';
import { Exit, type CtlContext } from './context';
import { formatUsage, sampleUsage, type Usage } from './usage';

/** supervisorctl's test: the state code is one of the stopped states (an unknown code is not) */
function isStopped(code: number): boolean {
  const name = stateName(code);
  return name !== undefined && STOPPED_STATES.has(name);
}

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

/** one row of `ctl status --json` */
function jsonRow(info: WireProcessInfo, usage: Usage | undefined, withUsage: boolean): Record<string, unknown> {
  const row: Record<string, unknown> = {
    name: info.name,
    group: info.group,
    namespec: makeNamespec(info.group, info.name),
    statename: info.statename,
    state: info.state,
    pid: info.pid,
    description: info.description,
  };
  if (withUsage) {
    row.cpu = usage === undefined ? null : Math.round(usage.cpu * 10) / 10;
    row.memory = usage?.memory ?? null;
  }
  return row;
}

export async function status(ctx: CtlContext, arg: string): Promise<void> {
  const flags = words(arg).filter((w) => w.startsWith('--'));
  const bad = flags.find((f) => f !== '--json' && f !== '--usage');
  if (bad !== undefined) {
    ctx.out(`Error: bad argument ${bad}`);
    ctx.exitstatus = Exit.GENERIC;
    return;
  }
  const json = flags.includes('--json');
  const withUsage = flags.includes('--usage');
  if (!(await ctx.upcheck())) {
    ctx.exitstatus = Exit.STATUS_UNKNOWN;
    return;
  }
  const all = readProcessInfos(await ctx.call(Methods.getAllProcessInfo));
  const names = words(arg).filter((w) => !w.startsWith('--'));
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
  if (matching.some((i) => isStopped(i.state))) ctx.exitstatus = Exit.STATUS_NOT_RUNNING;
  const usage = withUsage ? await sampleUsage(matching.map((i) => i.pid)) : new Map<number, Usage>();
  if (json) {
    ctx.out(JSON.stringify(matching.map((i) => jsonRow(i, usage.get(i.pid), withUsage))));
    return;
  }
  const lines = statusLines(matching);
  lines.forEach((line, n) => {
    const u = withUsage ? formatUsage(usage.get((matching[n] as WireProcessInfo).pid)) : '';
    ctx.out(u === '' ? line : `${line}, ${u}`);
  });
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
