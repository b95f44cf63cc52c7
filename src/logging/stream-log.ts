// One output stream (stdout or stderr) of one process: where its bytes go and how they can be
// read back. Destinations (spec §5.3 and tend's console): a log file (rotated, ANSI-stripped
// if asked), tend's console (whole lines, prefixed), tend's stdout/stderr raw (whole lines,
// no prefix), or nowhere. Console streams also keep a memory tail for tail and the read RPCs.
// Reading uses one shared buffer for every pipe (onread); a full console pauses the pipe.

import { Socket, type OnReadOpts, type SocketConstructorOpts } from 'node:net';
import { errorText } from '../common/errors';
import type { LogFileSetting, OutputChannel, ProcessConfig } from '../config/types';
import type { LogReader } from '../core/port';
import type { ConsoleStream } from './console';
import { FileReader } from './file-reader';
import { LineAssembler, MAX_LINE_BYTES, type PrefixLines } from './lines';
import { MemoryTail } from './memory-tail';
import { prefixRenderer } from './prefix';
import { RotatingFile } from './rotating-file';
import { AnsiStripper } from './strip-ansi';
import type { MainLog } from './types';

/** a partial line waits this long for its newline before it is written as it is */
export const PARTIAL_LINE_MS = 100;

export interface StreamLogContext {
  readonly console: Readonly<Record<OutputChannel, ConsoleStream>>;
  readonly log: MainLog;
  /** loglevel debug or lower: echo output into the main log (DEBG 'x' stdout output:) */
  readonly echo: boolean;
  readonly stripAnsi: boolean;
  /** width {name} is padded to */
  readonly nameWidth: number;
  /** the one buffer every pipe is read into */
  readonly readBuffer: Buffer;
  /** the addon's prefixLines, when it is loaded */
  readonly prefixLines: PrefixLines | null;
}

/** write batches in order; false when the console asks the writer to wait */
function writeAll(console: ConsoleStream, parts: readonly Buffer[]): boolean {
  let room = true;
  for (const b of parts) room = console.write(b) && room;
  return room;
}

interface PipeState {
  readonly lines: LineAssembler | null;
  timer: NodeJS.Timeout | null;
  /** when the last bytes came */
  lastRead: number;
  /** reading stopped because the console is full (the child is not idle: do not cut its line) */
  paused: boolean;
}

export class StreamLog {
  private file: RotatingFile | null = null;
  private readonly memory: MemoryTail | null;
  private readonly console: ConsoleStream | null;
  private readonly prefix: (() => string) | null;
  private readonly stripper: AnsiStripper | null;
  private pid = 0;
  private failing = false;
  /** the last spawn got the file's fd itself */
  private direct = false;
  /** the pipes being read now (a grandchild may keep one open after its parent exited) */
  private readonly pipes = new Set<{ readonly sock: Socket; readonly state: PipeState; readonly ended: Promise<void> }>();

  /** path: the log file (AUTO already resolved), or null when the setting is not a file */
  constructor(
    private readonly proc: ProcessConfig,
    private readonly channel: OutputChannel,
    setting: LogFileSetting,
    readonly path: string | null,
    private readonly limits: { readonly maxbytes: number; readonly backups: number; readonly mode: number },
    private readonly ctx: StreamLogContext,
  ) {
    const toConsole = setting.kind === 'console' || setting.kind === 'raw';
    this.memory = toConsole ? new MemoryTail() : null;
    this.console = setting.kind === 'console' ? ctx.console[channel]
      : setting.kind === 'raw' ? ctx.console[setting.fd === 1 ? 'stdout' : 'stderr'] : null;
    this.prefix = setting.kind === 'console'
      ? prefixRenderer(proc.console_prefix, {
        name: proc.name, program: proc.program_name, group: proc.group, stream: channel, pid: () => this.pid,
      }, ctx.nameWidth)
      : null;
    this.stripper = path !== null && ctx.stripAnsi ? new AnsiStripper() : null;
  }

  /** open the log file if it is not open yet; throws the OS error */
  open(): void {
    if (this.path === null || this.file !== null) return;
    this.file = new RotatingFile(this.path, this.limits.maxbytes, this.limits.backups, this.limits.mode);
  }

  /** an fd to give the child itself when nothing needs tend in the data path, else null */
  directFd(): number | null {
    if (this.file === null || this.file.rotates || this.stripper !== null || this.ctx.echo) {
      this.direct = false;
      return null;
    }
    this.direct = true;
    return this.file.descriptor;
  }

  /** what the read and tail RPCs read: the file, the memory tail, or nothing (NONE) */
  reader(): LogReader | null {
    if (this.path !== null) return new FileReader(this.path);
    return this.memory;
  }

  setPid(pid: number): void {
    this.pid = pid;
  }

  /** start moving a pipe's bytes */
  attach(fd: number): Socket {
    const lines = this.console ? new LineAssembler(this.prefix, MAX_LINE_BYTES, this.ctx.prefixLines) : null;
    const state: PipeState = { lines, timer: null, lastRead: 0, paused: false };
    // onread in the constructor works for an fd (Node's types list it only for connect())
    const opts: SocketConstructorOpts & { onread: OnReadOpts } = {
      fd,
      readable: true,
      writable: false,
      onread: { buffer: this.ctx.readBuffer, callback: (n: number, buf: Uint8Array) => this.take(state, sock, buf as Buffer, n) },
    };
    const sock: Socket = new Socket(opts);
    sock.on('error', () => undefined);
    sock.on('end', () => this.finish(state));
    const ended = new Promise<void>((resolve) => {
      sock.on('close', () => {
        this.finish(state);
        this.pipes.delete(entry);
        resolve();
      });
    });
    const entry = { sock, state, ended };
    this.pipes.add(entry);
    return sock;
  }

  /** one read: false pauses the pipe (the console is full; it resumes on drain) */
  private take(state: PipeState, sock: Socket, buf: Buffer, n: number): boolean {
    if (this.ctx.echo) this.ctx.log.log('DEBG', `'${this.proc.name}' ${this.channel} output:\n${buf.toString('utf8', 0, n)}`);
    this.memory?.append(buf, 0, n);
    if (this.file) this.writeFile(buf, n);
    if (!state.lines || !this.console) return true;
    state.lastRead = Date.now();
    const out = state.lines.push(buf, 0, n);
    if (state.lines.hasPartial) this.armPartial(state, sock, PARTIAL_LINE_MS);
    if (out === null || writeAll(this.console, out)) return true;
    this.pauseUntilDrained(state, sock);
    return false;
  }

  private pauseUntilDrained(state: PipeState, sock: Socket): void {
    state.paused = true;
    (this.console as ConsoleStream).whenDrained(() => {
      state.paused = false;
      state.lastRead = Date.now(); // quiet time counts from when reading starts again
      if (!sock.destroyed) sock.resume();
    });
  }

  /** a partial line is written as it is once its child has been quiet for PARTIAL_LINE_MS */
  private armPartial(state: PipeState, sock: Socket, ms: number): void {
    if (state.timer !== null) return;
    state.timer = setTimeout(() => {
      state.timer = null;
      if (!state.lines?.hasPartial) return;
      const quiet = Date.now() - state.lastRead;
      if (state.paused || quiet < PARTIAL_LINE_MS) {
        this.armPartial(state, sock, Math.max(1, PARTIAL_LINE_MS - quiet));
        return;
      }
      const rest = state.lines.flush();
      if (rest !== null && this.console && !writeAll(this.console, rest)) {
        sock.pause();
        this.pauseUntilDrained(state, sock);
      }
    }, ms).unref();
  }

  /** the pipe ended: whatever is held is written (the console's own buffer takes it) */
  private finish(state: PipeState): void {
    if (state.timer !== null) clearTimeout(state.timer);
    state.timer = null;
    const rest = state.lines?.flush() ?? null;
    if (rest !== null && this.console) writeAll(this.console, rest);
  }

  private writeFile(buf: Buffer, n: number): void {
    const file = this.file as RotatingFile;
    try {
      if (this.stripper) {
        const clean = this.stripper.strip(buf, 0, n);
        file.write(clean, 0, clean.length);
      } else {
        file.write(buf, 0, n);
      }
      this.failing = false;
    } catch (err) {
      if (this.failing) return;
      this.failing = true; // said once until a write succeeds again
      this.ctx.log.log('ERRO', `could not write ${this.channel} log of '${this.proc.name}' (${this.path}): ${errorText(err)}`);
    }
  }

  /** SIGUSR2: reopen the file by its path */
  reopen(): void {
    if (this.file === null) return;
    this.file.reopen();
    if (this.direct && this.pid !== 0) {
      this.ctx.log.log('WARN', `'${this.proc.name}' writes its ${this.channel} log ${this.path} itself (${this.channel}_logfile_maxbytes=0): ` +
        'it keeps the file it was given until it is restarted (use copytruncate, or set maxbytes to have tend write the file)');
    }
  }

  /** clearProcessLogs: the file emptied, the memory tail emptied */
  clear(): void {
    this.memory?.clear();
    this.file?.clear();
  }

  /** resolves once every pipe being read now has closed */
  ended(): Promise<void> {
    return Promise.all([...this.pipes].map((p) => p.ended)).then(() => undefined);
  }

  /** stop reading (what is held is written out) and close the file */
  close(): void {
    for (const p of [...this.pipes]) {
      this.finish(p.state);
      p.sock.destroy();
    }
    this.pipes.clear();
    this.file?.close();
    this.file = null;
  }
}
