// strip_ansi=true (spec §5.3): what supervisord removes from file logs — from each `ESC [`
// up to and including the next terminator letter (H f A B C D R s u J K h l p m). The state
// carries across chunks, so an escape split between two reads is still removed.

const ESC = 0x1b;
const BRACKET = 0x5b;
const TERMINATORS = new Set(Array.from('HfABCDRsuJKhlpm', (c) => c.charCodeAt(0)));

export class AnsiStripper {
  private inEscape = false;
  /** an ESC ended the previous chunk: '[' may follow */
  private sawEsc = false;

  /** data[start, end) without escapes; a new buffer (data may be reused by the caller) */
  strip(data: Uint8Array, start = 0, end = data.length): Buffer {
    const out = Buffer.allocUnsafe(end - start + (this.sawEsc ? 1 : 0));
    let pos = 0;
    let i = start;
    if (this.sawEsc) {
      this.sawEsc = false;
      if (i < end && data[i] === BRACKET) { this.inEscape = true; i++; } else out[pos++] = ESC;
    }
    for (; i < end; i++) {
      const b = data[i] as number;
      if (this.inEscape) {
        if (TERMINATORS.has(b)) this.inEscape = false;
        continue;
      }
      if (b === ESC) {
        if (i + 1 === end) { this.sawEsc = true; continue; }
        if (data[i + 1] === BRACKET) { this.inEscape = true; i++; continue; }
      }
      out[pos++] = b;
    }
    return out.subarray(0, pos);
  }
}
