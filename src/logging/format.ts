// Main-log line format (spec §5.1): `YYYY-MM-DD HH:MM:SS,mmm LEVL message\n`, local time,
// milliseconds truncated. Pure.

import type { LogLevelName } from '../config/types';
import type { Level } from './types';

/** numeric severity of each level, as supervisord's loggers.LevelsByName */
export const LEVEL_VALUE: Readonly<Record<Level, number>> = {
  CRIT: 50, ERRO: 40, WARN: 30, INFO: 20, DEBG: 10, TRAC: 5, BLAT: 3,
};

/** the loglevel= setting as the lowest level that is still written */
export const THRESHOLD: Readonly<Record<LogLevelName, number>> = {
  critical: 50, error: 40, warn: 30, info: 20, debug: 10, trace: 5, blather: 3,
};

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function timestamp(d: Date): string {
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
  const time = `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}`;
  return `${date} ${time},${pad(d.getMilliseconds(), 3)}`;
}

export function formatLine(d: Date, level: Level, text: string): string {
  return `${timestamp(d)} ${level} ${text}\n`;
}
