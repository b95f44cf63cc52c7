// Python's `format % mapping` (printf-style formatting against a dict), as supervisord applies
// it to option values: `%(name)s`, `%(process_num)02d`, `%%`. Pure.

import { pyRepr } from './builtins';

export type FormatValue = string | number;
export type Names = ReadonlyMap<string, FormatValue>;

export type FormatResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly missing: string }
  | { readonly ok: false; readonly bad: string };

interface Spec {
  readonly flags: string;
  readonly width: number;
  readonly precision: number | null;
  readonly conv: string;
}

const SPEC_RE = /^([-+ #0]*)(\*|\d*)(?:\.(\*|\d*))?[hlL]?/;

/** Format fmt against names; the first missing name or format error is reported. */
export function pyFormat(fmt: string, names: Names): FormatResult {
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const pct = fmt.indexOf('%', i);
    if (pct === -1) return { ok: true, value: out + fmt.slice(i) };
    out += fmt.slice(i, pct);
    if (fmt[pct + 1] === '%') {
      out += '%';
      i = pct + 2;
      continue;
    }
    const piece = conversion(fmt, pct + 1, names);
    if (!piece.ok) return piece;
    out += piece.value;
    i = piece.next;
  }
  return { ok: true, value: out };
}

type Piece = { readonly ok: true; readonly value: string; readonly next: number } | Exclude<FormatResult, { ok: true }>;

/** One conversion starting after its '%': the optional (key), flags, width, precision, type. */
function conversion(fmt: string, start: number, names: Names): Piece {
  let i = start;
  let value: FormatValue | undefined;
  if (fmt[i] === '(') {
    const close = matchingParen(fmt, i);
    if (close === -1) return { ok: false, bad: 'incomplete format key' };
    const key = fmt.slice(i + 1, close);
    value = names.get(key);
    if (value === undefined) return { ok: false, missing: key };
    i = close + 1;
  }
  const m = SPEC_RE.exec(fmt.slice(i)) ?? ['', '', '', undefined];
  i += m[0].length;
  if (m[2] === '*' || m[3] === '*') return { ok: false, bad: '* wants int' };
  const conv = fmt[i];
  if (conv === undefined) return { ok: false, bad: 'incomplete format' };
  if (!'diouxXeEfFgGcrsa'.includes(conv)) {
    const hex = (conv.codePointAt(0) ?? 0).toString(16);
    return { ok: false, bad: `unsupported format character ${pyRepr(conv)} (0x${hex}) at index ${i}` };
  }
  // Python would format the whole mapping for an unnamed %s; we refuse (see the README)
  if (value === undefined) return { ok: false, bad: 'format requires a mapping' };
  const spec: Spec = {
    flags: m[1] ?? '',
    width: m[2] ? Number(m[2]) : 0,
    precision: m[3] === undefined ? null : Number(m[3] || '0'),
    conv,
  };
  const text = convert(value, spec);
  if (text.error !== undefined) return { ok: false, bad: text.error };
  return { ok: true, value: text.text, next: i + 1 };
}

function matchingParen(s: string, open: number): number {
  let depth = 1;
  for (let j = open + 1; j < s.length; j += 1) {
    if (s[j] === '(') depth += 1;
    else if (s[j] === ')' && --depth === 0) return j;
  }
  return -1;
}

function typeName(v: FormatValue): string {
  return typeof v === 'number' ? 'int' : 'str';
}

function convert(v: FormatValue, spec: Spec): { text: string; error?: undefined } | { error: string } {
  const { conv, precision } = spec;
  if (conv === 's' || conv === 'r' || conv === 'a') {
    let text = typeof v === 'number' ? String(v) : conv === 's' ? v : pyRepr(v);
    if (precision !== null) text = [...text].slice(0, precision).join('');
    return { text: pad(text, spec, false) };
  }
  if (conv === 'c') {
    if (typeof v === 'number') return { text: pad(String.fromCodePoint(v), spec, false) };
    if ([...v].length === 1) return { text: pad(v, spec, false) };
    return { error: '%c requires int or char' };
  }
  if (typeof v !== 'number') {
    if ('diu'.includes(conv)) return { error: `%${conv} format: a real number is required, not ${typeName(v)}` };
    if ('oxX'.includes(conv)) return { error: `%${conv} format: an integer is required, not ${typeName(v)}` };
    return { error: `must be real number, not ${typeName(v)}` };
  }
  return { text: pad(formatNumber(v, spec), spec, true) };
}

function formatNumber(v: number, spec: Spec): string {
  const { conv, flags, precision } = spec;
  const abs = Math.abs(v);
  let body: string;
  let prefix = '';
  switch (conv) {
    case 'o': body = Math.trunc(abs).toString(8); if (flags.includes('#')) prefix = '0o'; break;
    case 'x': body = Math.trunc(abs).toString(16); if (flags.includes('#')) prefix = '0x'; break;
    case 'X': body = Math.trunc(abs).toString(16).toUpperCase(); if (flags.includes('#')) prefix = '0X'; break;
    case 'e': case 'E': body = pyExp(abs, precision ?? 6); break;
    case 'f': case 'F': body = abs.toFixed(precision ?? 6); break;
    case 'g': case 'G': body = pyGeneral(abs, precision ?? 6); break;
    default: body = String(Math.trunc(abs));
  }
  if ('diuoxX'.includes(conv) && precision !== null) body = body.padStart(precision, '0');
  if (conv === 'E' || conv === 'G') body = body.toUpperCase();
  const sign = v < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  return `${sign}${prefix}\u0000${body}`;
}

function pyExp(v: number, digits: number): string {
  return v.toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2');
}

function pyGeneral(v: number, precision: number): string {
  const p = precision === 0 ? 1 : precision;
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(v));
  const text = exp < -4 || exp >= p ? pyExp(v, p - 1) : v.toFixed(Math.max(0, p - 1 - exp));
  return text.replace(/\.?0+(?=e|$)/, '');
}

/** Apply width: numbers carry a NUL between sign/prefix and digits to place zero padding. */
function pad(text: string, spec: Spec, numeric: boolean): string {
  const [head, body] = numeric ? (text.split('\u0000') as [string, string]) : ['', text];
  const len = [...head].length + [...body].length;
  if (len >= spec.width) return head + body;
  const fill = spec.width - len;
  if (spec.flags.includes('-')) return head + body + ' '.repeat(fill);
  if (numeric && spec.flags.includes('0')) return head + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + head + body;
}
