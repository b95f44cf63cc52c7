// Child output for this issue: every program's stdout goes to tend's stdout and its stderr
// to tend's stderr, byte for byte. Backpressure: when tend's stream is full, the child's pipe
// is paused (the child then blocks in write()) instead of buffering without bound.

import type { Socket } from 'node:net';
import type { ProcessConfig } from '../config/types';
import type { SpawnedChild } from '../runtime/types';
import type { SafeStream } from './stdout';
import type { OutputSink } from './types';

class FanIn {
  private readonly paused = new Set<Socket>();
  private waiting = false;

  constructor(private readonly dest: SafeStream) {}

  add(src: Socket): void {
    src.on('data', (chunk: Buffer) => {
      if (!this.dest.write(chunk)) this.pause(src);
    });
    src.on('error', () => { /* the child's end went away; nothing to lose */ });
    src.on('close', () => this.paused.delete(src));
  }

  private pause(src: Socket): void {
    src.pause();
    this.paused.add(src);
    if (this.waiting) return;
    this.waiting = true;
    this.dest.onDrain(() => {
      this.waiting = false;
      for (const s of this.paused) s.resume();
      this.paused.clear();
    });
  }
}

export class Passthrough implements OutputSink {
  private readonly out: FanIn;
  private readonly err: FanIn;

  constructor(stdout: SafeStream, stderr: SafeStream) {
    this.out = new FanIn(stdout);
    this.err = new FanIn(stderr);
  }

  attach(_proc: ProcessConfig, child: SpawnedChild): void {
    this.out.add(child.stdout);
    if (child.stderr) this.err.add(child.stderr);
  }
}
