// Python's glob.glob() for [include] files= (Node 20 has no fs.glob): '*', '?' and '[...]' in
// any path component, hidden names matched only by patterns that start with '.'. The file
// system comes in through GlobFs so that this stays pure.

export interface GlobFs {
  /** names in a directory (no '.' or '..'), or null when it cannot be listed */
  listDir(path: string): readonly string[] | null;
  isDir(path: string): boolean;
  /** exists, also as a dangling symlink (os.path.lexists) */
  exists(path: string): boolean;
}

export function hasMagic(s: string): boolean {
  return /[*?[]/.test(s);
}

function escapeRe(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** fnmatch.translate: the whole name must match. */
export function fnmatchRegExp(pattern: string): RegExp | null {
  let re = '';
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i] ?? '';
    i += 1;
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else if (ch === '[') {
      let j = i;
      if (pattern[j] === '!') j += 1;
      if (pattern[j] === ']') j += 1;
      while (j < pattern.length && pattern[j] !== ']') j += 1;
      if (j >= pattern.length) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i, j);
      i = j + 1;
      const negate = body.startsWith('!');
      if (negate) body = body.slice(1);
      // keep ranges (a-z); escape everything else that is special inside a class
      body = body.replace(/[\\\]^[]/g, '\\$&');
      re += `[${negate ? '^' : ''}${body}]`;
    } else re += escapeRe(ch);
  }
  try {
    return new RegExp(`^(?:${re})$`, 'su');
  } catch {
    return null;
  }
}

function join(dir: string, name: string): string {
  return dir === '' ? name : dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** Paths matching pattern, in directory order (callers sort). */
export function glob(pattern: string, fs: GlobFs): string[] {
  const parts = pattern.split('/');
  let current: string[] = [pattern.startsWith('/') ? '/' : ''];
  const first = pattern.startsWith('/') ? 1 : 0;
  if (!hasMagic(pattern)) return fs.exists(pattern) ? [pattern] : [];
  for (let k = first; k < parts.length; k += 1) {
    const part = parts[k] ?? '';
    const last = k === parts.length - 1;
    if (part === '' && !last) continue;
    const next: string[] = [];
    for (const dir of current) {
      if (!hasMagic(part)) {
        const p = join(dir, part);
        if (last ? fs.exists(p) : true) next.push(p);
        continue;
      }
      const re = fnmatchRegExp(part);
      const names = fs.listDir(dir === '' ? '.' : dir) ?? [];
      for (const name of names) {
        if (name.startsWith('.') && !part.startsWith('.')) continue;
        if (re === null || !re.test(name)) continue;
        const p = join(dir, name);
        if (last || fs.isDir(p)) next.push(p);
      }
    }
    current = next;
  }
  return current;
}
