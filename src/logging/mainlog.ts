// The main log (spec §5.1): each line goes to tend's stdout (unless silent) and to the
// logfile. A logfile that is tend's stdout or stderr (logfile=/dev/stdout) is written through
// that stream, once — supervisord prints such lines twice or crashes (spec §10.2) — and
// /dev/null is not opened at all. A memory tail
// keeps the newest lines, so readLog and maintail work when there is no readable file.

import * as fs from 'node:fs';
import { errorText } from '../common/errors';
import type { SupervisordConfig } from '../config/types';
import type { LogReader } from '../core/port';
import { FileReader } from './file-reader';
import { formatLine, LEVEL_VALUE, THRESHOLD } from './format';
import { MemoryTail } from './memory-tail';
import { RotatingFile } from './rotating-file';
import type { SafeStream } from './stdout';
import type { Level, MainLog, MainLogStore } from './types';

function sameFileAsFd(path: string, fd: number | undefined): boolean {
  if (fd === undefined) return false;
  try {
    const a = fs.statSync(path);
    const b = fs.fstatSync(fd);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

export class MainLogWriter implements MainLog, MainLogStore {
  private file: RotatingFile | null = null;
  /** the logfile is tend's own stdout or stderr: written through the stream (never blocks) */
  private stream: SafeStream | null = null;
  private readonly memory = new MemoryTail();
  private readonly threshold: number;

  constructor(
    private readonly cfg: Pick<SupervisordConfig, 'logfile' | 'logfile_maxbytes' | 'logfile_backups' | 'loglevel' | 'silent'>,
    private readonly out: SafeStream,
    private readonly clock: () => Date = () => new Date(),
    private readonly err: SafeStream | null = null,
  ) {
    this.threshold = THRESHOLD[cfg.loglevel];
  }

  /** open the logfile; throws with the OS error when it cannot be opened */
  open(): void {
    const p = this.cfg.logfile;
    if (p === 'syslog' || p === '/dev/null') return;
    if (sameFileAsFd(p, this.out.fd)) {
      if (this.cfg.silent) this.stream = this.out;
      return;
    }
    if (this.err !== null && sameFileAsFd(p, this.err.fd)) {
      this.stream = this.err;
      return;
    }
    this.file = new RotatingFile(p, this.cfg.logfile_maxbytes, this.cfg.logfile_backups);
  }

  log(level: Level, text: string): void {
    if (LEVEL_VALUE[level] < this.threshold) return;
    const line = formatLine(this.clock(), level, text);
    if (!this.cfg.silent) this.out.write(line);
    this.stream?.write(line);
    if (this.file) {
      try {
        this.file.write(line);
      } catch (err) {
        const msg = `${formatLine(this.clock(), 'CRIT', `could not write main log ${this.cfg.logfile}: ${errorText(err)}`)}`;
        this.out.write(msg);
        this.file = null;
      }
    } else {
      this.memory.append(Buffer.from(line));
    }
  }

  /** the logfile when tend writes one (a regular file), else the memory tail */
  reader(): LogReader {
    return this.file?.rotates === true || this.isRegularFile() ? new FileReader(this.cfg.logfile) : this.memory;
  }

  private isRegularFile(): boolean {
    if (!this.file) return false;
    try {
      return fs.statSync(this.cfg.logfile).isFile();
    } catch {
      return false;
    }
  }

  /** clearLog: say so, then empty the file (or the memory tail), as supervisord does */
  clear(): void {
    this.log('INFO', 'reopening log file');
    this.memory.clear();
    this.file?.clear();
  }

  reopen(): void {
    this.file?.reopen();
  }

  close(): void {
    this.file?.close();
    this.file = null;
  }
}
