// tend's own stdout and stderr as log destinations: writes never throw (EPIPE and friends
// turn the stream into a no-op, in this one place), and flush() waits for pending data.

import type { Writable } from 'node:stream';

export class SafeStream {
  private broken = false;
  private waiting: (() => void)[] = [];

  constructor(private readonly stream: Writable & { fd?: number }) {
    stream.on('error', () => {
      this.broken = true;
      this.release(); // 'drain' will never come now: nobody may wait for it
    });
    stream.on('drain', () => this.release());
  }

  private release(): void {
    const all = this.waiting;
    this.waiting = [];
    for (const cb of all) cb();
  }

  get fd(): number | undefined {
    return this.stream.fd;
  }

  /** hold writes until uncork() (they then go out together, one writev) */
  cork(): void {
    if (!this.broken) this.stream.cork();
  }

  uncork(): void {
    this.stream.uncork();
  }

  /** false when the caller should wait for drain() before writing more */
  write(data: string | Buffer): boolean {
    if (this.broken) return true;
    try {
      return this.stream.write(data);
    } catch {
      this.broken = true;
      return true;
    }
  }

  /** cb once the stream has room again (at once when it has, or when it broke) */
  onDrain(cb: () => void): void {
    if (this.broken || !this.stream.writableNeedDrain) cb();
    else this.waiting.push(cb);
  }

  flush(): Promise<void> {
    return new Promise((resolve) => {
      if (this.broken || this.stream.writableLength === 0) { resolve(); return; }
      this.stream.write('', () => resolve());
    });
  }
}

export const stdout = new SafeStream(process.stdout);
export const stderr = new SafeStream(process.stderr);
