// Turns a child's output chunks into whole lines for the shared console: complete lines are
// emitted (each with the prefix in front) in one go per chunk, so lines of different programs
// never interleave mid-line; a partial line is held until its newline comes, a flush (the
// program has been quiet, or its pipe closed) or it grows past maxLine — then it is emitted as
// a line of its own, split but never dropped. Bytes are copied as they are: the JS path works
// on latin1 strings (one char per byte, V8's fastest path) and any byte survives the round
// trip; the native prefixLines (the addon) does the same with memchr/memcpy when present.

const NL = 0x0a;

export const MAX_LINE_BYTES = 16 * 1024;

/** the addon's prefixLines: data[start, end) with prefix before every line */
export type PrefixLines = (data: Uint8Array, start: number, end: number, prefix: Uint8Array, head?: Uint8Array) => Buffer;

export class LineAssembler {
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private prefixText = '';
  private prefixBytes: Buffer = Buffer.alloc(0);

  /** prefix: the bytes to put in front of each line, as a latin1 string (called once per batch); null: none */
  constructor(
    private readonly prefix: (() => string) | null,
    private readonly maxLine: number = MAX_LINE_BYTES,
    private readonly native: PrefixLines | null = null,
  ) {}

  get hasPartial(): boolean {
    return this.pendingLength > 0;
  }

  /**
   * Feed data[start, end) (which may be a reused buffer: nothing returned or kept aliases it).
   * Returns the complete lines it finishes, ready to write in this order, or null when there are none.
   */
  push(data: Uint8Array, start = 0, end = data.length): Buffer[] | null {
    const last = data.lastIndexOf(NL, end - 1);
    if (last < start) {
      this.hold(data, start, end);
      return this.pendingLength >= this.maxLine ? this.flush() : null;
    }
    const out = this.render(data, start, last + 1);
    if (last + 1 < end) this.hold(data, last + 1, end);
    if (this.pendingLength >= this.maxLine) out.push(...(this.flush() ?? []));
    return out;
  }

  /** the held partial line as complete line(s) (newline added), or null when nothing is held */
  flush(): Buffer[] | null {
    if (this.pendingLength === 0) return null;
    const held = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending, this.pendingLength);
    this.pending = [];
    this.pendingLength = 0;
    const parts: Buffer[] = [];
    for (let at = 0; at < held.length; at += this.maxLine) {
      const piece = held.subarray(at, Math.min(held.length, at + this.maxLine));
      parts.push(...this.render(Buffer.concat([piece, Buffer.from([NL])]), 0, piece.length + 1));
    }
    return parts;
  }

  private hold(data: Uint8Array, start: number, end: number): void {
    if (end <= start) return;
    this.pending.push(Buffer.from(data.subarray(start, end)));
    this.pendingLength += end - start;
  }

  private takePending(): Buffer[] {
    const held = this.pending;
    this.pending = [];
    this.pendingLength = 0;
    return held;
  }

  /** pending + data[start, end), where data[end-1] is a newline: every line gets the prefix */
  private render(data: Uint8Array, start: number, end: number): Buffer[] {
    const p = this.prefix?.() ?? '';
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (p === '') {
      const out = Buffer.allocUnsafe(this.pendingLength + (end - start));
      let pos = 0;
      for (const b of this.takePending()) pos += b.copy(out, pos);
      buf.copy(out, pos, start, end);
      return [out];
    }
    if (this.native === null) {
      const held = this.pendingLength > 0 ? this.takePending().map((b) => b.toString('latin1')).join('') : '';
      const text = held + buf.toString('latin1', start, end - 1);
      const sep = `\n${p}`;
      return [Buffer.from(`${p}${text.replaceAll('\n', () => sep)}\n`, 'latin1')];
    }
    if (p !== this.prefixText) {
      this.prefixText = p;
      this.prefixBytes = Buffer.from(p, 'latin1');
    }
    const held = this.takePending();
    const head = held.length === 0 ? undefined : held.length === 1 ? held[0] : Buffer.concat(held);
    return [this.native(buf, start, end, this.prefixBytes, head)];
  }
}
