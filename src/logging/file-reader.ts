// A log file as the read/tail RPCs see it (spec §6.6): its size and bytes now, from the path,
// so rotation and outside changes are seen as they are.

import * as fs from 'node:fs';
import type { LogReader } from '../core/port';

export class FileReader implements LogReader {
  constructor(readonly path: string) {}

  size(): number {
    return fs.statSync(this.path).size;
  }

  read(offset: number, length: number): Buffer {
    const fd = fs.openSync(this.path, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const from = Math.max(0, offset);
      const n = Math.max(0, Math.min(length, size - from));
      const out = Buffer.alloc(n);
      let done = 0;
      while (done < n) {
        const got = fs.readSync(fd, out, done, n - done, from + done);
        if (got === 0) break;
        done += got;
      }
      return out.subarray(0, done);
    } finally {
      fs.closeSync(fd);
    }
  }

  identity(): string {
    try {
      const st = fs.statSync(this.path);
      return `${st.dev}:${st.ino}`;
    } catch {
      return 'missing';
    }
  }
}
