// Linux signal names and numbers (x86-64/arm64 numbering), pure data.

export const SIGNALS = {
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10,
  SEGV: 11, USR2: 12, PIPE: 13, ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CONT: 18, STOP: 19,
  TSTP: 20, TTIN: 21, TTOU: 22, URG: 23, XCPU: 24, XFSZ: 25, VTALRM: 26, PROF: 27, WINCH: 28,
  IO: 29, PWR: 30, SYS: 31,
} as const;

export type SignalName = keyof typeof SIGNALS;

const BY_NUMBER: ReadonlyMap<number, SignalName> = new Map(
  (Object.entries(SIGNALS) as [SignalName, number][]).map(([name, num]) => [num, name]),
);

/** 'SIGTERM' for 15; 'signal 77' for a number with no name (supervisord's signame()). */
export function signame(num: number): string {
  const name = BY_NUMBER.get(num);
  return name === undefined ? `signal ${num}` : `SIG${name}`;
}

export function signalNumber(name: SignalName): number {
  return SIGNALS[name];
}

export function signalName(num: number): SignalName | undefined {
  return BY_NUMBER.get(num);
}

/**
 * Parse a signal as supervisord's signal_number() does: a number, or a name with or
 * without 'SIG', in any case. Returns the number, or an error text.
 */
export function parseSignal(value: string): { ok: true; signo: number } | { ok: false; error: string } {
  const v = value.trim();
  if (/^-?\d+$/.test(v)) {
    const n = Number(v);
    if (BY_NUMBER.has(n)) return { ok: true, signo: n };
    return { ok: false, error: `value '${value}' is not a valid signal number` };
  }
  let upper = v.toUpperCase();
  if (upper.startsWith('SIG')) upper = upper.slice(3);
  if (Object.prototype.hasOwnProperty.call(SIGNALS, upper)) {
    return { ok: true, signo: SIGNALS[upper as SignalName] };
  }
  return { ok: false, error: `value '${value}' is not a valid signal name` };
}
