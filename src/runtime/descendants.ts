// tend's living descendants, read from /proc: every process whose parent chain leads to tend.
// As PID 1 that is everything in the container except `docker exec` sessions (their parent is
// outside the PID namespace); as a child subreaper, what tend and its programs started.

import * as fs from 'node:fs';

export interface ProcEntry {
  readonly pid: number;
  readonly ppid: number;
  /** the command line, or [comm] when it has none (a kernel thread, a zombie) */
  readonly command: string;
  /** 'Z' for a zombie */
  readonly state: string;
}

/** pid, state and ppid from the text of /proc/<pid>/stat (comm may hold spaces and parens). */
export function parseStat(text: string): { readonly pid: number; readonly comm: string; readonly state: string; readonly ppid: number } | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const rest = text.slice(close + 2).split(' ');
  const pid = Number(text.slice(0, open).trim());
  const ppid = Number(rest[1]);
  if (!Number.isInteger(pid) || !Number.isInteger(ppid)) return null;
  return { pid, comm: text.slice(open + 1, close), state: rest[0] ?? '?', ppid };
}

function readEntry(pid: number): ProcEntry | null {
  try {
    const stat = parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'latin1'));
    if (stat === null) return null;
    let command = '';
    try {
      command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
    } catch { /* gone, or no access */ }
    if (command.length > 120) command = `${command.slice(0, 117)}...`;
    return { pid, ppid: stat.ppid, state: stat.state, command: command || `[${stat.comm}]` };
  } catch {
    return null; // exited meanwhile
  }
}

/** Every process below root in the parent tree of entries, breadth first. Pure. */
export function below(root: number, entries: readonly ProcEntry[]): ProcEntry[] {
  const children = new Map<number, ProcEntry[]>();
  for (const e of entries) {
    if (e.pid === root) continue;
    children.set(e.ppid, [...(children.get(e.ppid) ?? []), e]);
  }
  const out: ProcEntry[] = [];
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const c of children.get(pid) ?? []) {
      out.push(c);
      queue.push(c.pid);
    }
  }
  return out;
}

/** tend's descendants now, less the pids in skip (Node's own child_process children). */
export function livingDescendants(self: number, skip: ReadonlySet<number>): ProcEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const entries = names.filter((n) => /^\d+$/.test(n)).map((n) => readEntry(Number(n))).filter((e): e is ProcEntry => e !== null);
  return below(self, entries).filter((e) => !skip.has(e.pid));
}
