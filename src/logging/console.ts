// tend's stdout or stderr as the destination many children share. A writer that is told "full"
// pauses its source until the stream drains: memory stays bounded and nothing is dropped.

import type { SafeStream } from './stdout';

export class ConsoleStream {
  private readonly waiting = new Set<() => void>();
  private armed = false;
  private corked = false;

  constructor(readonly stream: SafeStream) {}

  /** write one batch of whole lines; false: the caller must pause and wait for whenDrained.
   * Batches of one loop turn are gathered and written together (fewer syscalls under load). */
  write(data: Buffer): boolean {
    if (!this.corked) {
      this.corked = true;
      this.stream.cork();
      setImmediate(() => {
        this.corked = false;
        this.stream.uncork();
      });
    }
    return this.stream.write(data);
  }

  /** call resume once the stream has room again (once per call) */
  whenDrained(resume: () => void): void {
    this.waiting.add(resume);
    if (this.armed) return;
    this.armed = true;
    this.stream.onDrain(() => {
      this.armed = false;
      const all = [...this.waiting];
      this.waiting.clear();
      for (const r of all) r();
    });
  }
}
