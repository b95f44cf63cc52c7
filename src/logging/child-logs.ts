// Every process's stdout and stderr logs for one config generation: the OutputSink the
// supervisor spawns with, and what the read/tail/clear RPCs and SIGUSR2 act on.

import { randomInt } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorText } from '../common/errors';
import type { Config, OutputChannel, ProcessConfig, StreamLogConfig } from '../config/types';
import type { LogReader } from '../core/port';
import { ConsoleStream } from './console';
import { THRESHOLD } from './format';
import type { PrefixLines } from './lines';
import type { SafeStream } from './stdout';
import { StreamLog, type StreamLogContext } from './stream-log';
import type { ChildOutput, MainLog, OutputSink, ProcessLogStore } from './types';

const CHANNELS: readonly OutputChannel[] = ['stdout', 'stderr'];

/** processes are told apart by group and name: a program may sit in two [group:] sections */
function keyOf(group: string, name: string): string {
  return `${group}:${name}`;
}
const READ_BUFFER_BYTES = 64 * 1024;
const AUTO_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `<procname>-<channel>---<identifier>-<8 random chars>.log`, as supervisord names AUTO logs */
export function autoLogName(proc: string, channel: OutputChannel, identifier: string, random: () => number): string {
  let suffix = '';
  for (let i = 0; i < 8; i++) suffix += AUTO_CHARS[random() % AUTO_CHARS.length];
  return `${proc}-${channel}---${identifier}-${suffix}.log`;
}

/** AUTO logs of an earlier run (with their backups), removed at startup unless nocleanup */
export function isOldAutoLog(file: string, identifier: string): boolean {
  const prefix = `---${identifier}-`;
  const at = file.indexOf(prefix);
  return at > 0 && /^\S+\.log(\.\d{1,4})?$/.test(file.slice(at + prefix.length));
}

function removeOldAutoLogs(dir: string, identifier: string, log: MainLog): void {
  let files: string[];
  try {
    files = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const f of files) {
    if (!isOldAutoLog(f, identifier)) continue;
    try {
      fs.unlinkSync(path.join(dir, f));
    } catch (err) {
      log.log('WARN', `Failed to clean up '${path.join(dir, f)}': ${errorText(err)}`);
    }
  }
}

export interface ChildLogsDeps {
  readonly log: MainLog;
  readonly stdout: SafeStream;
  readonly stderr: SafeStream;
  readonly random?: () => number;
  /** the addon's prefixLines (the JS path is used without it) */
  readonly prefixLines?: PrefixLines | null;
}

export class ChildLogs implements OutputSink, ProcessLogStore {
  private readonly streams = new Map<string, Readonly<Record<OutputChannel, StreamLog>>>();
  private readonly make: (proc: ProcessConfig) => Readonly<Record<OutputChannel, StreamLog>>;

  constructor(config: Config, deps: ChildLogsDeps) {
    const sd = config.supervisord;
    if (!sd.nocleanup) removeOldAutoLogs(sd.childlogdir, sd.identifier, deps.log);
    const processes = config.groups.flatMap((g) => g.processes);
    const ctx: StreamLogContext = {
      console: { stdout: new ConsoleStream(deps.stdout), stderr: new ConsoleStream(deps.stderr) },
      log: deps.log,
      echo: THRESHOLD[sd.loglevel] <= THRESHOLD.debug,
      stripAnsi: sd.strip_ansi,
      nameWidth: Math.max(0, ...processes.map((p) => p.name.length)),
      readBuffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
      prefixLines: deps.prefixLines ?? null,
    };
    const random = deps.random ?? (() => randomInt(AUTO_CHARS.length));
    this.make = (proc) => {
      const make = (channel: OutputChannel): StreamLog => {
        const s: StreamLogConfig = proc[channel];
        const file = s.logfile.kind === 'path' ? s.logfile.path
          : s.logfile.kind === 'auto' ? path.join(sd.childlogdir, autoLogName(proc.name, channel, sd.identifier, random))
            : null;
        const mode = s.logfile.kind === 'auto' ? 0o600 : 0o666;
        // supervisord makes AUTO files when it reads the config (mkstemp): tail works before a start
        if (file !== null && s.logfile.kind === 'auto') {
          try { fs.closeSync(fs.openSync(file, 'a', mode)); } catch { /* reported at spawn */ }
        }
        for (const key of ['syslog', 'capture_maxbytes'] as const) {
          if (s[key] !== false && s[key] !== 0) {
            deps.log.log('WARN', `${channel}_${key} of '${proc.name}' is not supported by tend and is ignored`);
          }
        }
        return new StreamLog(proc, channel, s.logfile, file, { maxbytes: s.logfile_maxbytes, backups: s.logfile_backups, mode }, ctx);
      };
      return { stdout: make('stdout'), stderr: make('stderr') };
    };
    this.addProcesses(processes);
  }

  addProcesses(processes: readonly ProcessConfig[]): void {
    for (const proc of processes) this.streams.set(keyOf(proc.group, proc.name), this.make(proc));
  }

  removeProcesses(processes: readonly ProcessConfig[]): void {
    for (const proc of processes) {
      const key = keyOf(proc.group, proc.name);
      const s = this.streams.get(key);
      s?.stdout.close();
      s?.stderr.close();
      this.streams.delete(key);
    }
  }

  private of(proc: ProcessConfig): Readonly<Record<OutputChannel, StreamLog>> {
    const s = this.streams.get(keyOf(proc.group, proc.name));
    if (!s) throw new Error(`no logs for process ${proc.group}:${proc.name}`);
    return s;
  }

  /** opens the log files (supervisord opens them at each spawn: an error fails the spawn) */
  prepare(proc: ProcessConfig): ChildOutput {
    const s = this.of(proc);
    s.stdout.open();
    s.stderr.open();
    return {
      stdoutFd: s.stdout.directFd(),
      stderrFd: proc.redirect_stderr ? null : s.stderr.directFd(),
      read: (fd, channel) => { s[channel].attach(fd); },
    };
  }

  started(proc: ProcessConfig, pid: number): void {
    const s = this.of(proc);
    s.stdout.setPid(pid);
    s.stderr.setPid(pid);
  }

  reader(group: string, name: string, channel: OutputChannel): LogReader | null {
    return this.streams.get(keyOf(group, name))?.[channel].reader() ?? null;
  }

  /** the log file paths of a process ('' when not a file), for getProcessInfo */
  logfiles(group: string, name: string): { readonly stdout: string; readonly stderr: string } {
    const s = this.streams.get(keyOf(group, name));
    return { stdout: s?.stdout.path ?? '', stderr: s?.stderr.path ?? '' };
  }

  clear(group: string, name: string): void {
    const s = this.streams.get(keyOf(group, name));
    s?.stdout.clear();
    s?.stderr.clear();
  }

  reopen(): void {
    for (const s of this.streams.values()) {
      for (const c of CHANNELS) {
        try { s[c].reopen(); } catch { /* reported when written */ }
      }
    }
  }

  /** wait (at most ms) until every pipe still being read has ended: output written just
   * before the last exit reaches its destination before tend closes the files and exits */
  async drain(ms: number): Promise<void> {
    const all = [...this.streams.values()].flatMap((s) => CHANNELS.map((c) => s[c].ended()));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(all), new Promise<void>((r) => { timer = setTimeout(r, ms); })]);
    clearTimeout(timer);
  }

  close(): void {
    for (const s of this.streams.values()) for (const c of CHANNELS) s[c].close();
  }
}
