// Turns a child's output chunks into whole lines for the shared console: complete lines are
// emitted (each with the prefix in front) as one buffer per chunk, so lines of different
// programs never interleave mid-line; a partial line is held until its newline comes, a flush
// (short delay, or the pipe's end) or it grows past maxLine — then it is emitted as a line of
// its own, split but never dropped. Bytes are copied as they are (not decoded).

const NL = 0x0a;

export const MAX_LINE_BYTES = 16 * 1024;

export class LineAssembler {
  private pending: Buffer[] = [];
  private pendingLength = 0;

  /** prefix: the bytes to put in front of each line (called once per emitted batch); null: none */
  constructor(
    private readonly prefix: (() => Buffer) | null,
    private readonly maxLine: number = MAX_LINE_BYTES,
  ) {}

  get hasPartial(): boolean {
    return this.pendingLength > 0;
  }

  /**
   * Feed data[start, end) (which may be a reused buffer: nothing returned or kept aliases it).
   * Returns the complete lines it finishes, ready to write, or null when there are none.
   */
  push(data: Uint8Array, start = 0, end = data.length): Buffer | null {
    const last = data.lastIndexOf(NL, end - 1);
    if (last < start) {
      this.hold(data, start, end);
      return this.pendingLength >= this.maxLine ? this.flush() : null;
    }
    const out = this.render(data, start, last + 1);
    if (last + 1 < end) this.hold(data, last + 1, end);
    if (this.pendingLength >= this.maxLine) {
      const rest = this.flush();
      return rest === null ? out : Buffer.concat([out, rest]);
    }
    return out;
  }

  /** the held partial line as complete line(s) (newline added), or null when nothing is held */
  flush(): Buffer | null {
    if (this.pendingLength === 0) return null;
    const held = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending, this.pendingLength);
    this.pending = [];
    this.pendingLength = 0;
    const parts: Buffer[] = [];
    for (let at = 0; at < held.length; at += this.maxLine) {
      const piece = held.subarray(at, Math.min(held.length, at + this.maxLine));
      parts.push(this.render(Buffer.concat([piece, Buffer.from([NL])]), 0, piece.length + 1));
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  private hold(data: Uint8Array, start: number, end: number): void {
    if (end <= start) return;
    this.pending.push(Buffer.from(data.subarray(start, end)));
    this.pendingLength += end - start;
  }

  /** pending + data[start, end), where data[end-1] is a newline: every line gets the prefix */
  private render(data: Uint8Array, start: number, end: number): Buffer {
    const p = this.prefix?.() ?? null;
    let lines = 0;
    if (p !== null && p.length > 0) {
      for (let i = data.indexOf(NL, start); i >= 0 && i < end; i = data.indexOf(NL, i + 1)) lines++;
    }
    const plen = p === null ? 0 : p.length;
    const out = Buffer.allocUnsafe(this.pendingLength + (end - start) + lines * plen);
    let pos = 0;
    let lineStart = true;
    if (this.pendingLength > 0) {
      if (plen > 0) pos += (p as Buffer).copy(out, pos);
      for (const b of this.pending) pos += b.copy(out, pos);
      this.pending = [];
      this.pendingLength = 0;
      lineStart = false;
    }
    if (plen === 0) {
      out.set(data.subarray(start, end), pos);
      return out;
    }
    let from = start;
    while (from < end) {
      const nl = data.indexOf(NL, from);
      const stop = nl < 0 || nl >= end ? end : nl + 1;
      if (lineStart) pos += (p as Buffer).copy(out, pos);
      out.set(data.subarray(from, stop), pos);
      pos += stop - from;
      from = stop;
      lineStart = true;
    }
    return out;
  }
}
