// The few Python behaviours whose exact text or result supervisord users see: repr() of a
// string, int(), os.path.dirname/join/expanduser/normpath. Pure; no Node imports.

/** A conversion result: a value, or supervisord's error text. */
export type Conv<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export function ok<T>(value: T): Conv<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: string): Conv<T> {
  return { ok: false, error };
}

const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

/** Python's repr() of a str: single quotes unless the text has ' and no ". */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) out += escapeCodePoint(cp);
    else out += ch;
  }
  return out + quote;
}

function escapeCodePoint(cp: number): string {
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

const INT_RE = /^[+-]?\d+(?:_\d+)*$/;

/** Python int(s) in base 10 (whitespace around, sign, single underscores between digits). */
export function pyInt(s: string): Conv<number> {
  const t = s.trim();
  if (!INT_RE.test(t)) return fail(`invalid literal for int() with base 10: ${pyRepr(s)}`);
  return ok(Number(t.replace(/_/g, '')));
}

const OCT_RE = /^[+-]?(?:0[oO]_?)?[0-7]+(?:_[0-7]+)*$/;

/** Python int(s, 8), or null. */
export function pyOctal(s: string): number | null {
  const t = s.trim();
  if (!OCT_RE.test(t)) return null;
  const neg = t.startsWith('-');
  const digits = t.replace(/^[+-]/, '').replace(/^0[oO]/, '').replace(/_/g, '');
  const n = parseInt(digits, 8);
  return neg ? -n : n;
}

/** os.path.dirname: '' for a bare name, '/' for '/x'. */
export function pyDirname(p: string): string {
  const i = p.lastIndexOf('/') + 1;
  let head = p.slice(0, i);
  if (head && head !== '/'.repeat(head.length)) head = head.replace(/\/+$/, '');
  return head;
}

/** os.path.join(a, b) for two parts: b wins when absolute; no normalisation. */
export function pyJoin(a: string, b: string): string {
  if (b.startsWith('/')) return b;
  if (a === '' || a.endsWith('/')) return a + b;
  return `${a}/${b}`;
}

/** os.path.normpath for POSIX paths. */
export function pyNormpath(p: string): string {
  if (p === '') return '.';
  const lead = p.startsWith('//') && !p.startsWith('///') ? 2 : p.startsWith('/') ? 1 : 0;
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && (out.length > 0 && out[out.length - 1] !== '..')) out.pop();
    else if (part === '..' && lead > 0) continue;
    else out.push(part);
  }
  const body = out.join('/');
  return '/'.repeat(lead) + body || '.';
}

/** os.path.abspath against a given cwd (normalised). */
export function pyAbspath(p: string, cwd: string): string {
  return pyNormpath(p.startsWith('/') ? p : pyJoin(cwd, p));
}

/** os.path.expanduser: '~' from HOME (or the home lookup), '~name' from the lookup. */
export function pyExpandUser(
  p: string,
  home: string | undefined,
  homeOf: (name: string) => string | undefined,
): string {
  if (!p.startsWith('~')) return p;
  const slash = p.indexOf('/', 1);
  const end = slash === -1 ? p.length : slash;
  const who = p.slice(1, end);
  const dir = who === '' ? home : homeOf(who);
  if (dir === undefined) return p;
  return dir.replace(/\/+$/, '') + p.slice(end) || '/';
}
