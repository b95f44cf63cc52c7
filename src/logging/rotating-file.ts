// An append-only log file that rotates in supervisord's order when it reaches maxbytes
// (spec §5.3): f.(n-1) -> f.n ... f -> f.1, each rename onto a free name; backups=0 truncates.
// Files that cannot be rotated (pipes, character devices such as /dev/stdout) never rotate.

import * as fs from 'node:fs';

export class RotatingFile {
  private fd: number;
  private size: number;
  private readonly rotatable: boolean;

  constructor(
    readonly path: string,
    private readonly maxbytes: number,
    private readonly backups: number,
  ) {
    this.fd = RotatingFile.open(path);
    const st = fs.fstatSync(this.fd);
    this.rotatable = st.isFile();
    this.size = this.rotatable ? st.size : 0;
  }

  private static open(path: string): number {
    try {
      return fs.openSync(path, 'a', 0o644);
    } catch (err) {
      // special files that refuse O_APPEND are reopened write-only (spec §5.3)
      if ((err as NodeJS.ErrnoException).code === 'EINVAL') return fs.openSync(path, 'w');
      throw err;
    }
  }

  write(data: string | Buffer): void {
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    let off = 0;
    while (off < buf.length) off += fs.writeSync(this.fd, buf, off, buf.length - off);
    this.size += buf.length;
    if (this.rotatable && this.maxbytes > 0 && this.size >= this.maxbytes) this.rotate();
  }

  private rotate(): void {
    fs.closeSync(this.fd);
    if (this.backups > 0) {
      for (let i = this.backups - 1; i >= 0; i--) {
        const from = i === 0 ? this.path : `${this.path}.${i}`;
        const to = `${this.path}.${i + 1}`;
        if (!fs.existsSync(from)) continue;
        try { fs.unlinkSync(to); } catch { /* not there */ }
        fs.renameSync(from, to);
      }
      this.fd = fs.openSync(this.path, 'a', 0o644);
    } else {
      this.fd = fs.openSync(this.path, 'w', 0o644);
    }
    this.size = 0;
  }

  /** reopen after an outside rotation (SIGUSR2) */
  reopen(): void {
    fs.closeSync(this.fd);
    this.fd = RotatingFile.open(this.path);
    this.size = this.rotatable ? fs.fstatSync(this.fd).size : 0;
  }

  close(): void {
    try { fs.closeSync(this.fd); } catch { /* already closed */ }
  }
}
