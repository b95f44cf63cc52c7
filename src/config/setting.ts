// A program key read through the schema: its default when unset, and the same default as the
// value to go on with when it is invalid (the error is already reported).

import type { Conv } from '../python/builtins';
import type { ReadOptions, SectionReader } from './reader';
import { defaultValue, PROGRAM_DEFAULTS as P } from './schema';

export function setting<T>(r: SectionReader, key: string, conv: (v: string) => Conv<T>, o?: ReadOptions): T {
  return r.value(key, P[key] ?? null, conv, defaultValue(P, key, conv), o);
}
