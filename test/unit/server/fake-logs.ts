// In-memory logs for the control-plane tests: FakeLog (one log), FakeProcessLogs (the
// processes' logs, by name and channel) and FakeMainLog, as the servers are handed them.

import type { OutputChannel } from '../../../src/config/types';
import type { LogReader, MainLogAccess, ProcessLogAccess } from '../../../src/core/port';

/** a log the fake can clear, as clearProcessLogs does */
export type ClearableLog = LogReader & { clear(): void };

/**
 * A log in memory: its text can be set and grown; throws EIO when `broken`, ENOENT when
 * `missing` (a log file removed from outside). Counts size() calls, so tests can see polling.
 */
export class FakeLog implements LogReader {
  data = Buffer.alloc(0);
  broken = false;
  missing = false;
  generation = 0;
  sizeCalls = 0;

  constructor(readonly path = '/fake/log', text: string | Uint8Array = '') {
    this.data = Buffer.from(text);
  }

  append(text: string | Uint8Array): void {
    this.data = Buffer.concat([this.data, Buffer.from(text)]);
  }

  /** the file replaced by a new one (rotation): new identity, this text */
  rotate(text: string | Uint8Array = ''): void {
    this.data = Buffer.from(text);
    this.generation += 1;
  }

  private check(): void {
    if (this.missing) throw Object.assign(new Error(`ENOENT: no such file or directory, stat '${this.path}'`), { code: 'ENOENT' });
    if (this.broken) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
  }

  size(): number {
    this.sizeCalls += 1;
    this.check();
    return this.data.length;
  }

  read(offset: number, length: number): Uint8Array {
    this.check();
    return this.data.subarray(Math.max(0, offset), Math.max(0, offset) + Math.max(0, length));
  }

  identity(): string {
    return `fake:${this.generation}`;
  }

  clear(): void {
    this.data = Buffer.alloc(0);
    this.generation += 1;
  }
}

/** the processes' logs by `name/channel` (a FakeLog, or e.g. a real MemoryTail); absent: NONE */
export class FakeProcessLogs implements ProcessLogAccess {
  private readonly logs = new Map<string, ClearableLog>();
  /** names whose clear fails */
  readonly clearFails = new Set<string>();

  set(name: string, channel: OutputChannel, log: ClearableLog): void {
    this.logs.set(`${name}/${channel}`, log);
  }

  get(name: string, channel: OutputChannel): ClearableLog | undefined {
    return this.logs.get(`${name}/${channel}`);
  }

  reader(_group: string, name: string, channel: OutputChannel): LogReader | null {
    return this.get(name, channel) ?? null;
  }

  clear(_group: string, name: string): void {
    if (this.clearFails.has(name)) throw new Error('EACCES');
    this.get(name, 'stdout')?.clear();
    this.get(name, 'stderr')?.clear();
  }
}

/** the main log: `log` null when none is kept; clear() fails when `clearFails` */
export class FakeMainLog implements MainLogAccess {
  log: FakeLog | null = new FakeLog('/fake/supervisord.log', '');
  clearFails = false;

  reader(): LogReader | null {
    return this.log;
  }

  clear(): void {
    if (this.clearFails) throw new Error('EACCES');
    this.log?.clear();
  }
}
