// The newest bytes of one stream, kept in memory (64 KiB by default) so that tail and the
// read/tail RPCs work when the output goes only to the console. Offsets count every byte that
// ever passed through since the last clear; only the newest `capacity` of them are held.

import type { LogReader } from '../core/port';

export const MEMORY_TAIL_BYTES = 64 * 1024;

export class MemoryTail implements LogReader {
  readonly path = '';
  private readonly buf: Buffer;
  /** bytes that ever passed through since the last clear */
  private total = 0;
  private generation = 0;

  constructor(readonly capacity: number = MEMORY_TAIL_BYTES) {
    this.buf = Buffer.alloc(capacity);
  }

  append(data: Uint8Array, start = 0, end = data.length): void {
    let from = start;
    if (end - from > this.capacity) {
      this.total += end - from - this.capacity; // counted, though only the end is held
      from = end - this.capacity;
    }
    while (from < end) {
      const at = this.total % this.capacity;
      const n = Math.min(end - from, this.capacity - at);
      this.buf.set(data.subarray(from, from + n), at);
      from += n;
      this.total += n;
    }
  }

  size(): number {
    return this.total;
  }

  read(offset: number, length: number): Buffer {
    const first = Math.max(0, this.total - this.capacity);
    const from = Math.max(offset, first);
    const to = Math.min(this.total, offset + Math.max(0, length));
    if (to <= from) return Buffer.alloc(0);
    const out = Buffer.alloc(to - from);
    let done = 0;
    while (done < out.length) {
      const at = (from + done) % this.capacity;
      const n = Math.min(out.length - done, this.capacity - at);
      this.buf.copy(out, done, at, at + n);
      done += n;
    }
    return out;
  }

  identity(): string {
    return `memory:${this.generation}`;
  }

  clear(): void {
    this.total = 0;
    this.generation += 1;
  }
}
