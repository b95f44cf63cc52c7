// The main log as the rest of tend sees it (spec §5.1 levels).

import type { ProcessConfig } from '../config/types';
import type { SpawnedChild } from '../runtime/types';

export type Level = 'CRIT' | 'ERRO' | 'WARN' | 'INFO' | 'DEBG' | 'TRAC' | 'BLAT';

export interface MainLog {
  /** one message; the sink adds the timestamp and level and drops it below loglevel */
  log(level: Level, text: string): void;
}

/** Where a spawned child's output goes (this issue: tend's stdout/stderr; later: files, prefixes). */
export interface OutputSink {
  attach(proc: ProcessConfig, child: SpawnedChild): void;
}
