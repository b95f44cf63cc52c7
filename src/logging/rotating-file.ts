// An append-only log file that rotates in supervisord's order when it reaches maxbytes
// (spec §5.3): f.(n-1) -> f.n ... f -> f.1, each rename onto a free name; backups=0 truncates.
// The oldest backup is renamed aside and unlinked on the thread pool (freeing 50 MB of page
// cache on the loop thread costs milliseconds). Files that cannot be rotated (pipes,
// character devices such as /dev/stdout) never rotate, whatever maxbytes says.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { errnoCode } from '../common/errors';

let trashCounter = 0;

function unlinkQuietly(p: string): void {
  try { fs.unlinkSync(p); } catch { /* not there */ }
}

export class RotatingFile {
  private fd: number;
  private size: number;
  private rotatable: boolean;

  constructor(
    readonly path: string,
    private readonly maxbytes: number,
    private readonly backups: number,
    private readonly mode: number = 0o644,
  ) {
    this.fd = this.open();
    const st = fs.fstatSync(this.fd);
    this.rotatable = st.isFile();
    this.size = this.rotatable ? st.size : 0;
  }

  /** the open descriptor (for handing to a child when nothing needs tend in the data path) */
  get descriptor(): number {
    return this.fd;
  }

  /** true when writes can ever make it rotate */
  get rotates(): boolean {
    return this.rotatable && this.maxbytes > 0;
  }

  private open(): number {
    try {
      return fs.openSync(this.path, 'a', this.mode);
    } catch (err) {
      // special files that refuse O_APPEND are reopened write-only (spec §5.3)
      if (errnoCode(err) === 'EINVAL') return fs.openSync(this.path, 'w');
      throw err;
    }
  }

  /** write all of data[start, end); throws the OS error (the caller decides what to say) */
  write(data: Uint8Array | string, start = 0, end?: number): void {
    if (this.fd < 0) this.fd = this.open(); // a failed rotation left no file open: try again
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    const stop = end ?? buf.length;
    let off = start;
    while (off < stop) off += fs.writeSync(this.fd, buf, off, stop - off);
    this.size += stop - start;
    if (this.rotates && this.size >= this.maxbytes) this.rotate();
  }

  private rotate(): void {
    fs.closeSync(this.fd);
    this.fd = -1; // never write to (or close) a number the kernel may hand out again
    this.size = 0;
    try {
      this.shift();
    } finally {
      // even when a rename failed, the path is opened again (appending to what is there)
      this.fd = this.backups > 0 ? fs.openSync(this.path, 'a', this.mode) : fs.openSync(this.path, 'w', this.mode);
      this.size = fs.fstatSync(this.fd).size;
    }
  }

  private shift(): void {
    if (this.backups > 0) {
      const oldest = `${this.path}.${this.backups}`;
      if (fs.existsSync(oldest)) {
        const trash = path.join(path.dirname(this.path), `.${path.basename(oldest)}.${process.pid}.${trashCounter++}.deleting`);
        try {
          fs.renameSync(oldest, trash);
          fs.unlink(trash, () => undefined);
        } catch {
          unlinkQuietly(oldest);
        }
      }
      for (let i = this.backups - 1; i >= 0; i--) {
        const from = i === 0 ? this.path : `${this.path}.${i}`;
        if (!fs.existsSync(from)) continue;
        const to = `${this.path}.${i + 1}`;
        unlinkQuietly(to);
        fs.renameSync(from, to);
      }
    }
  }

  /** reopen by path (after an outside rotation: SIGUSR2) */
  reopen(): void {
    const next = this.open();
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = next;
    const st = fs.fstatSync(this.fd);
    this.rotatable = st.isFile();
    this.size = this.rotatable ? st.size : 0;
  }

  /** empty the file (clearLog and clearProcessLogs). Truncated in place rather than removed, so
   * a child that writes to this file through its own fd (the direct handoff) is emptied too. */
  clear(): void {
    if (this.rotatable && this.fd >= 0) fs.ftruncateSync(this.fd, 0);
    this.reopen();
  }

  close(): void {
    if (this.fd >= 0) {
      try { fs.closeSync(this.fd); } catch { /* already closed */ }
    }
    this.fd = -1;
  }
}
